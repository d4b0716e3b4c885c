package io.github.archmodels.bench;

import io.github.archmodels.speedup.Speedups;
import java.util.SplittableRandom;

/** Seeded inputs shared by the benchmarks and their peer scripts. */
public final class BenchInputs {

    private BenchInputs() {
    }

    /**
     * Returns {@code n} benchmarks with baseline times 1 + 99 u and target times baseline / s, where
     * u is uniform in [0, 1) and ln s is uniform in [-1, 1), from seed 2024.
     */
    public static Speedups speedups(int n) {
        double[][] times = times(n);
        return Speedups.ofTimes(times[0], times[1]);
    }

    /** Returns the baseline and target times of {@link #speedups(int)}. */
    public static double[][] times(int n) {
        SplittableRandom random = new SplittableRandom(2024);
        double[] base = new double[n];
        double[] target = new double[n];
        for (int i = 0; i < n; i++) {
            base[i] = 1 + 99 * random.nextDouble();
            target[i] = base[i] / Math.exp(2 * random.nextDouble() - 1);
        }
        return new double[][] {base, target};
    }

    /** Prints the times as CSV for the peer script: {@code baseline,target}. */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        double[][] t = times(n);
        System.out.println("baseline,target");
        for (int i = 0; i < n; i++) {
            System.out.println(t[0][i] + "," + t[1][i]);
        }
    }
}
