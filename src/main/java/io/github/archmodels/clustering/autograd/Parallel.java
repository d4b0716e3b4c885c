package io.github.archmodels.clustering.autograd;

import java.util.stream.IntStream;

/**
 * Splits a loop over rows into chunks run on the common fork-join pool, so every kernel uses all
 * cores. Loops with little work run on the calling thread.
 */
final class Parallel {

    /** Below this many element operations a loop runs serially. */
    static final long SERIAL_WORK = 1L << 15;

    private static final int CHUNKS = 4 * Runtime.getRuntime().availableProcessors();

    /** Body of a chunked loop over {@code [from, to)}. */
    interface RangeBody {
        void run(int from, int to);
    }

    private Parallel() {
    }

    /** Runs {@code body} over {@code [0, n)}, each row costing about {@code workPerRow} operations. */
    static void rows(int n, long workPerRow, RangeBody body) {
        if (n <= 1 || (long) n * workPerRow < SERIAL_WORK) {
            body.run(0, n);
            return;
        }
        int chunks = Math.min(n, CHUNKS);
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            body.run(from, to);
        });
    }

    /** Returns the number of chunks {@link #chunkCount(int, long)} would split {@code n} rows into. */
    static int chunkCount(int n, long workPerRow) {
        if (n <= 1 || (long) n * workPerRow < SERIAL_WORK) {
            return 1;
        }
        return Math.min(n, CHUNKS);
    }

    /** Runs {@code body(chunk, from, to)} over {@code chunks} equal chunks of {@code [0, n)}. */
    static void chunks(int n, int chunks, ChunkBody body) {
        if (chunks == 1) {
            body.run(0, 0, n);
            return;
        }
        IntStream.range(0, chunks).parallel().forEach(c -> {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            body.run(c, from, to);
        });
    }

    /** Body of a loop over numbered chunks. */
    interface ChunkBody {
        void run(int chunk, int from, int to);
    }
}
