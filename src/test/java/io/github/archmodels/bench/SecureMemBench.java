package io.github.archmodels.bench;

import io.github.archmodels.securemem.BaobabTableConfig;
import io.github.archmodels.securemem.FullEntryPolicy;
import io.github.archmodels.securemem.Scheme;
import io.github.archmodels.securemem.SecureMemory;
import io.github.archmodels.securemem.SecureMemoryConfig;
import io.github.archmodels.securemem.Trace;
import io.github.archmodels.securemem.TraceGenerator;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Simulated secure-memory writes with real cryptography, beside the raw JDK primitives they use.
 *
 * <p>{@code writePass}: all writes of a 1M-write Zipf(0.99) trace over the protected memory, on
 * a fresh memory each time (see {@link Writes#freshMemory}). The
 * primitive benchmarks time one SHA-256 of a 64-byte node, one HMAC-SHA256 over (address,
 * counter, 64-byte ciphertext) and one AES-128 pad for a 64-byte block, done exactly as the
 * simulator does them. The bound for a write is {@code hashes/write * sha256 + macs/write * hmac +
 * aes/write * aes}, with the per-write counts taken from the simulator's own tallies.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SecureMemBench {

    /** Writes per {@link #writePass} operation: the whole Zipf trace. */
    public static final int WRITES = 1_000_000;

    /** The memory and the trace of the write benchmark. */
    @State(Scope.Benchmark)
    public static class Writes {
        @Param({"baobab16", "split", "monolithic"})
        public String scheme;

        @Param({"1", "4", "16", "64"})
        public int gib;

        SecureMemoryConfig config;
        Scheme kind;
        SecureMemory memory;
        Trace trace;
        byte[] plaintext = new byte[64];

        @Setup(Level.Trial)
        public void setUp() {
            config = SecureMemoryConfig.gib(gib);
            kind = switch (scheme) {
                case "baobab16" -> Scheme.baobab(new BaobabTableConfig(1024, 16, FullEntryPolicy.REBASE));
                case "baobab4" -> Scheme.baobab(new BaobabTableConfig(1024, 4, FullEntryPolicy.REBASE));
                case "split" -> Scheme.split();
                case "monolithic" -> Scheme.monolithic();
                default -> throw new IllegalArgumentException("unknown scheme " + scheme);
            };
            trace = TraceGenerator.zipf(config.protectedBytes(), 64, WRITES, 0.99, 1.0, 42);
        }

        /**
         * Gives every pass a fresh memory and collects the previous one before timing starts, so
         * each operation is one first pass over the trace from an untouched memory.
         */
        @Setup(Level.Iteration)
        public void freshMemory() {
            memory = null;
            System.gc();
            memory = SecureMemory.create(config, kind, 1);
        }
    }

    /** Writes the whole 1M-write trace; divide the time by {@link #WRITES} for the per-write cost. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void writePass(Writes state) {
        Trace trace = state.trace;
        byte[] plaintext = state.plaintext;
        SecureMemory memory = state.memory;
        for (int i = 0; i < trace.size(); i++) {
            plaintext[0] = (byte) i;
            memory.write(trace.address(i), plaintext);
        }
    }

    /** Reused JDK primitives, keyed like the simulator's. */
    @State(Scope.Thread)
    public static class Primitives {
        MessageDigest sha256;
        Mac hmac;
        Cipher aes;
        byte[] node = new byte[64];
        byte[] header = new byte[16];
        byte[] digest = new byte[32];
        byte[] pad = new byte[64];

        @Setup
        public void setUp() throws GeneralSecurityException {
            sha256 = MessageDigest.getInstance("SHA-256");
            hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "AES"));
            for (int i = 0; i < 64; i++) {
                node[i] = (byte) (i * 31);
            }
        }
    }

    @Benchmark
    public void sha256Node(Primitives p, Blackhole bh) throws GeneralSecurityException {
        p.node[0]++;
        p.sha256.update(p.node, 0, 64);
        bh.consume(p.sha256.digest(p.digest, 0, 32));
    }

    @Benchmark
    public void hmacBlock(Primitives p, Blackhole bh) throws GeneralSecurityException {
        p.node[0]++;
        p.hmac.update(p.header);
        p.hmac.update(p.node, 0, 64);
        p.hmac.doFinal(p.digest, 0);
        bh.consume(p.digest);
    }

    @Benchmark
    public void aesBlock(Primitives p, Blackhole bh) throws GeneralSecurityException {
        p.node[0]++;
        bh.consume(p.aes.doFinal(p.node, 0, 64, p.pad, 0));
    }
}
