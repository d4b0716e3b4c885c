package io.github.archmodels.bench;

import io.github.archmodels.securemem.BaobabTableConfig;
import io.github.archmodels.securemem.EventCounts;
import io.github.archmodels.securemem.FullEntryPolicy;
import io.github.archmodels.securemem.Scheme;
import io.github.archmodels.securemem.SecureMemoryConfig;
import io.github.archmodels.securemem.StorageBreakdown;
import io.github.archmodels.securemem.StorageModel;
import io.github.archmodels.securemem.Trace;
import io.github.archmodels.securemem.TraceSimulation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints the figures that {@code bench/securemem/peer.py} recomputes: storage bytes per scheme
 * and size, and events-only runs on the shipped traces with the median wall-clock time of 7
 * runs, as CSV.
 * Usage: {@code SecureMemPeerCheck [dataDir]}.
 */
public final class SecureMemPeerCheck {

    private SecureMemPeerCheck() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "data");
        List<Scheme> schemes = List.of(Scheme.monolithic(), Scheme.split(), Scheme.morphable(),
                Scheme.baobab(1024, 16), Scheme.baobab(1024, 4),
                Scheme.baobab(new BaobabTableConfig(1024, 4, FullEntryPolicy.REBASE)));
        System.out.println("kind,scheme,case,a,b,c,d,e,f,g,h,i,seconds");
        for (int gib : new int[] {1, 3, 16}) {
            for (Scheme s : schemes) {
                StorageBreakdown b = StorageModel.of(SecureMemoryConfig.gib(gib), s);
                System.out.printf(Locale.ROOT, "storage,%s,%dGiB,%d,%d,%d,%d,0,0,0,0,0,0%n", label(s), gib,
                        b.macBytes(), b.leafBytes(), b.treeBytes(), b.treeLevels());
            }
        }
        SecureMemoryConfig config = SecureMemoryConfig.gib(16);
        for (String name : new String[] {"wordcount", "sort", "gzip"}) {
            Trace trace = Trace.read(data.resolve("securemem/" + name + ".lackey.gz")).foldInto(config.protectedBytes());
            for (Scheme s : schemes) {
                double[] seconds = new double[7];
                TraceSimulation.Result r = null;
                for (int i = 0; i < seconds.length; i++) {
                    r = TraceSimulation.run(config, s, trace);
                    seconds[i] = r.seconds();
                }
                java.util.Arrays.sort(seconds);
                EventCounts e = r.events();
                System.out.printf(Locale.ROOT, "events,%s,%s,%d,%d,%d,%d,%d,%d,%d,%d,%d,%.4f%n", label(s), name,
                        e.writes(), e.treePathUpdates(), e.inPlaceUpdates(), e.indexMoves(), e.newValues(),
                        e.fullEntries(), e.rebases(), e.minorOverflows(), e.reencryptedBlocks(), seconds[3]);
            }
        }
    }

    private static String label(Scheme s) {
        return s.kind() == Scheme.Kind.BAOBAB && s.table().policy() == FullEntryPolicy.REBASE
                ? s.name() + "-rebase" : s.name();
    }
}
