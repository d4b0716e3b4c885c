#!/usr/bin/env python3
"""Summarizes bench/capsule/run.sh: seconds per batch, Java against PyTorch.

Medians are over every measured iteration (Java) or run (PyTorch) of every round. Minima are the
fastest single iteration or run, because that figure is the least disturbed by other processes on a
shared machine.

Usage: python3 bench/capsule/summarize.py results_dir rounds
"""
import json
import statistics
import sys


def main():
    out, rounds = sys.argv[1], int(sys.argv[2])
    java = {}
    torch_median = {}
    torch_min = {}
    for r in range(1, rounds + 1):
        for entry in json.load(open(f"{out}/jmh-round{r}.json")):
            key = (int(entry["params"]["batch"]), entry["params"]["mode"])
            for fork in entry["primaryMetric"]["rawData"]:
                java.setdefault(key, []).extend(v / 1000 for v in fork)
        for line in open(f"{out}/torch-round{r}.txt"):
            parts = line.strip().split(",")
            if len(parts) == 4 and parts[0].isdigit():
                torch_median.setdefault(int(parts[0]), []).append(float(parts[1]))
                torch_min.setdefault(int(parts[0]), []).append(float(parts[2]))
    modes = sorted({mode for _, mode in java})
    header = "| batch |"
    for mode in modes:
        header += f" Java {mode} median s | Java {mode} min s |"
    header += " PyTorch median s | PyTorch min s | Java/PyTorch median | Java/PyTorch min |"
    print(header)
    print("|" + "---|" * (header.count("|") - 1))
    for batch in sorted(torch_median):
        row = f"| {batch} |"
        for mode in modes:
            row += f" {statistics.median(java[(batch, mode)]):.3f} | {min(java[(batch, mode)]):.3f} |"
        peer_median = statistics.median(torch_median[batch])
        peer_min = min(torch_min[batch])
        ours = java[(batch, "ELIMINATED")]
        row += (f" {peer_median:.3f} | {peer_min:.3f} | {statistics.median(ours) / peer_median:.2f} |"
                f" {min(ours) / peer_min:.2f} |")
        print(row)


if __name__ == "__main__":
    main()
