package io.github.archmodels.bench;

import io.github.archmodels.securemem.BaobabTableConfig;
import io.github.archmodels.securemem.FullEntryPolicy;
import io.github.archmodels.securemem.Scheme;
import io.github.archmodels.securemem.SecureMemory;
import io.github.archmodels.securemem.SecureMemoryConfig;
import io.github.archmodels.securemem.Trace;
import io.github.archmodels.securemem.TraceGenerator;
import java.util.Locale;

/**
 * Prints, per scheme and memory size, the JDK primitive operations that one simulated write of
 * the {@link SecureMemBench} Zipf trace needs (node hashes, MACs, AES blocks), and the wall-clock
 * time of one pass over the 1M-write trace. The counts turn the primitive benchmarks into the
 * per-write bound. Usage: {@code SecureMemCounts [writes]}.
 */
public final class SecureMemCounts {

    private SecureMemCounts() {
    }

    public static void main(String[] args) {
        int writes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.println("scheme,gib,writes,seconds,ns_per_write,hashes_per_write,macs_per_write,aes64_per_write,tree_levels");
        for (int gib : new int[] {1, 4, 16, 64}) {
            for (String name : new String[] {"baobab16", "split", "monolithic"}) {
                Scheme scheme = switch (name) {
                    case "baobab16" -> Scheme.baobab(new BaobabTableConfig(1024, 16, FullEntryPolicy.REBASE));
                    case "split" -> Scheme.split();
                    default -> Scheme.monolithic();
                };
                if (gib != 16 && !name.equals("baobab16")) {
                    continue;
                }
                SecureMemoryConfig config = SecureMemoryConfig.gib(gib);
                Trace trace = TraceGenerator.zipf(config.protectedBytes(), 64, writes, 0.99, 1.0, 42);
                SecureMemory memory = SecureMemory.create(config, scheme, 1);
                byte[] plain = new byte[64];
                long start = System.nanoTime();
                for (int i = 0; i < trace.size(); i++) {
                    plain[0] = (byte) i;
                    memory.write(trace.address(i), plain);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long[] ops = memory.primitiveCounts();
                System.out.println(String.format(Locale.ROOT, "%s,%d,%d,%.3f,%.1f,%.4f,%.4f,%.4f,%d", name, gib,
                        writes, seconds, seconds * 1e9 / writes, (double) ops[2] / writes,
                        (double) ops[1] / writes, ops[0] / 4.0 / writes, memory.treeLevels()));
            }
        }
    }
}
