"""Peer of SpeedupBenchmark.bootstrapEqualWork: scipy.stats.bootstrap on the same 30 benchmarks.

Usage: python3 bench/speedup/bootstrap_scipy.py times.csv [repeats]
times.csv comes from `java -cp ... io.github.archmodels.bench.BenchInputs 30`.
Prints the point estimate, the 95% percentile interval and the median seconds per call.
"""
import csv
import sys
import time

import numpy as np
import scipy
from scipy import stats


def equal_work(base, target, axis=-1):
    # Equal-work speedup for times: sum of baseline times over sum of target times.
    return np.sum(base, axis=axis) / np.sum(target, axis=axis)


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    base = np.array([float(r["baseline"]) for r in rows])
    target = np.array([float(r["target"]) for r in rows])

    def once(seed):
        return stats.bootstrap((base, target), equal_work, paired=True, vectorized=True,
                               n_resamples=10_000, confidence_level=0.95, method="percentile",
                               random_state=np.random.default_rng(seed))

    once(0)  # warm-up
    seconds = []
    for r in range(repeats):
        start = time.perf_counter()
        result = once(r)
        seconds.append(time.perf_counter() - start)
    ci = result.confidence_interval
    print(f"scipy {scipy.__version__} numpy {np.__version__}")
    print(f"estimate {equal_work(base, target):.6f}")
    print(f"interval [{ci.low:.6f}, {ci.high:.6f}]")
    print(f"median_seconds_per_call {np.median(seconds):.6e}")
    print(f"min_seconds_per_call {np.min(seconds):.6e}")


if __name__ == "__main__":
    main()
