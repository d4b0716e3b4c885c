package io.github.archmodels.bench;

import io.github.archmodels.securemem.BaobabTableConfig;
import io.github.archmodels.securemem.FullEntryPolicy;
import io.github.archmodels.securemem.Scheme;
import io.github.archmodels.securemem.SecureMemory;
import io.github.archmodels.securemem.SecureMemoryConfig;
import io.github.archmodels.securemem.Trace;
import io.github.archmodels.securemem.TraceGenerator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Compares a simulated write pass with the raw JDK work it contains, in thread CPU time so that a
 * shared, loaded machine distorts the ratio less than wall-clock time would.
 *
 * <p>For each configuration: one pass of the 1M-write Zipf(0.99) trace on a fresh memory, timed;
 * then exactly as many SHA-256 digests of 64-byte nodes, HMAC-SHA256 computations over 80 bytes and
 * AES-128 encryptions of 64 bytes as the pass performed (from the simulator's tallies), timed with
 * the same reused JDK instances. The bound is that raw time; efficiency = bound / pass time. Each
 * configuration runs {@code rounds} times (default 3) and the median is printed.
 * Usage: {@code SecureMemBound [writes [rounds]]}.
 */
public final class SecureMemBound {

    private SecureMemBound() {
    }

    public static void main(String[] args) throws GeneralSecurityException {
        int writes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String[][] configs = {{"baobab16", "1"}, {"baobab16", "4"}, {"baobab16", "16"}, {"baobab16", "64"},
            {"split", "16"}, {"monolithic", "16"}};
        System.out.println("scheme,gib,writes,hashes_per_write,pass_cpu_ns_per_write,bound_cpu_ns_per_write,efficiency");
        for (String[] c : configs) {
            SecureMemoryConfig config = SecureMemoryConfig.gib(Integer.parseInt(c[1]));
            Scheme scheme = switch (c[0]) {
                case "baobab16" -> Scheme.baobab(new BaobabTableConfig(1024, 16, FullEntryPolicy.REBASE));
                case "split" -> Scheme.split();
                default -> Scheme.monolithic();
            };
            Trace trace = TraceGenerator.zipf(config.protectedBytes(), 64, writes, 0.99, 1.0, 42);
            double[] pass = new double[rounds];
            double[] bound = new double[rounds];
            long[] ops = null;
            for (int r = 0; r < rounds; r++) {
                SecureMemory memory = SecureMemory.create(config, scheme, 1);
                System.gc();
                pass[r] = timePass(memory, trace) / writes;
                ops = memory.primitiveCounts();
                bound[r] = timeRaw(ops[2], ops[1], ops[0] / 4) / writes;
            }
            Arrays.sort(pass);
            Arrays.sort(bound);
            double p = pass[rounds / 2];
            double b = bound[rounds / 2];
            System.out.println(String.format(Locale.ROOT, "%s,%s,%d,%.3f,%.0f,%.0f,%.3f", c[0], c[1], writes,
                    (double) ops[2] / writes, p, b, b / p));
        }
    }

    private static double timePass(SecureMemory memory, Trace trace) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        byte[] plaintext = new byte[64];
        long start = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < trace.size(); i++) {
            plaintext[0] = (byte) i;
            memory.write(trace.address(i), plaintext);
        }
        return mx.getCurrentThreadCpuTime() - start;
    }

    private static double timeRaw(long hashes, long macs, long aes64) throws GeneralSecurityException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "AES"));
        byte[] node = new byte[64];
        byte[] header = new byte[16];
        byte[] digest = new byte[32];
        byte[] pad = new byte[64];

        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long start = mx.getCurrentThreadCpuTime();
        for (long i = 0; i < hashes; i++) {
            node[0] = (byte) i;
            sha256.update(node, 0, 64);
            sha256.digest(digest, 0, 32);
        }
        for (long i = 0; i < macs; i++) {
            node[0] = (byte) i;
            hmac.update(header);
            hmac.update(node, 0, 64);
            hmac.doFinal(digest, 0);
        }
        for (long i = 0; i < aes64; i++) {
            node[0] = (byte) i;
            aes.doFinal(node, 0, 64, pad, 0);
        }
        long elapsed = mx.getCurrentThreadCpuTime() - start;
        if (digest[0] == 1 && pad[0] == 1) {
            System.err.print("");
        }
        return elapsed;
    }
}
