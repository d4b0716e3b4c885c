#!/usr/bin/env python3
"""Independent Python implementation of the archmodels secure-memory storage model and the
bookkeeping-only trace simulation (Baobab table rules, split and morphable minor counters).

It prints the same CSV as io.github.archmodels.bench.SecureMemPeerCheck, with times as the median
of 3 runs here and of 7 in Java. With --java FILE it compares every figure with the Java output.
It also reports the time ratio (Java / Python) of the bookkeeping-only runs, monolithic excluded.
Hash throughput of hashlib (SHA-256 of 64-byte nodes, HMAC-SHA256 over 80 bytes) is printed too.

Usage: python3 bench/securemem/peer.py [--data data] [--java java.csv]
"""
import argparse
import csv
import gzip
import hashlib
import hmac
import io
import sys
import time

BLOCK = 64


def levels(leaves, arity=8):
    out = []
    n = leaves
    while n > 1:
        n = -(-n // arity)
        out.append(n)
    return out


def index_bits(cells):
    need = max(1, (cells - 1).bit_length())
    b = 1
    while b < need:
        b *= 2
    return b


def per_line(scheme):
    kind = scheme[0]
    if kind == "monolithic":
        return 8
    if kind == "split":
        return (512 - 64) // 7
    if kind == "morphable":
        return (512 - 64 - 64) // 3
    return 512 // index_bits(scheme[2])


def storage(protected, scheme):
    n = protected // BLOCK
    lines = -(-n // per_line(scheme))
    tree = levels(lines)
    return n * 8, lines * BLOCK, sum(tree) * BLOCK, len(tree)


def read_lackey(path, fold):
    ops = []
    with gzip.open(path, "rt", encoding="ascii") as f:
        for line in f:
            if not line.strip() or line.startswith("==") or line.startswith("I "):
                continue
            body = line.strip()
            op = body[0]
            addr = int(body[2:body.index(",")].strip(), 16) % fold
            if op == "L":
                ops.append((False, addr))
            elif op == "S":
                ops.append((True, addr))
            elif op == "M":
                ops.append((False, addr))
                ops.append((True, addr))
    return ops


def simulate_minor(ops, blocks, minor_bits):
    per = (512 - 64 - (64 if minor_bits == 3 else 0)) // minor_bits
    minors = {}
    ev = dict(writes=0, tree=0, inplace=0, moves=0, new=0, full=0, rebases=0, minor_over=0, reenc=0)
    for write, addr in ops:
        if not write:
            continue
        ev["writes"] += 1
        b = addr // BLOCK
        line = b // per
        m = minors.get(b, 0)
        if m + 1 < (1 << minor_bits):
            minors[b] = m + 1
        else:
            for j in range(line * per, (line + 1) * per):
                minors.pop(j, None)
            ev["minor_over"] += 1
            ev["reenc"] += per - 1
        ev["tree"] += 1
    return ev


def simulate_monolithic(ops):
    writes = sum(1 for w, _ in ops if w)
    return dict(writes=writes, tree=writes, inplace=0, moves=0, new=0, full=0, rebases=0, minor_over=0, reenc=0)


def simulate_baobab(ops, blocks, entries, cells, rebase):
    per = 512 // index_bits(cells)
    bits_in_holder = max(0, (-(-blocks // entries) - 1).bit_length())
    max_value = (1 << (63 - bits_in_holder)) - 2
    in_entry = [blocks // entries + (1 if e < blocks % entries else 0) for e in range(entries)]
    val = [[0] * cells for _ in range(entries)]
    hold = [[in_entry[e]] + [0] * (cells - 1) for e in range(entries)]
    idx = {}  # block -> cell, absent = 0
    ev = dict(writes=0, tree=0, inplace=0, moves=0, new=0, full=0, rebases=0, minor_over=0, reenc=0)

    def write(b, allow_rebase):
        e = b % entries
        k = idx.get(b, 0)
        v = val[e][k]
        h = hold[e]
        if h[k] == 1:
            assert v < max_value
            val[e][k] = v + 1
            ev["inplace"] += 1
            return
        best = -1
        for c in range(cells):
            if val[e][c] > v and (best < 0 or val[e][c] < val[e][best]):
                best = c
        if best >= 0:
            h[k] -= 1
            h[best] += 1
            idx[b] = best
            ev["moves"] += 1
            ev["tree"] += 1
            return
        for c in range(cells):
            if h[c] == 0:
                h[k] -= 1
                val[e][c] = v + 1
                h[c] = 1
                idx[b] = c
                ev["new"] += 1
                ev["tree"] += 1
                return
        ev["full"] += 1
        if not rebase:
            return

        top = max(val[e])
        changed_lines = set()
        for blk in [x for x, c in idx.items() if x % entries == e and c != 0]:
            changed_lines.add(blk // per)
            del idx[blk]
        val[e] = [top + 1] + [0] * (cells - 1)
        hold[e] = [in_entry[e]] + [0] * (cells - 1)
        ev["rebases"] += 1
        ev["reenc"] += in_entry[e]
        ev["tree"] += len(changed_lines)
        write(b, False)

    for is_write, addr in ops:
        if is_write:
            ev["writes"] += 1
            write(addr // BLOCK, True)
    return ev


SCHEMES = [("monolithic",), ("split",), ("morphable",), ("baobab", 1024, 16, False),
           ("baobab", 1024, 4, False), ("baobab", 1024, 4, True)]


def label(s):
    if s[0] != "baobab":
        return s[0]
    return f"baobab-{s[1]}x{s[2]}" + ("-rebase" if s[3] else "")


def run(s, ops, blocks):
    if s[0] == "monolithic":
        return simulate_monolithic(ops)
    if s[0] == "split":
        return simulate_minor(ops, blocks, 7)
    if s[0] == "morphable":
        return simulate_minor(ops, blocks, 3)
    return simulate_baobab(ops, blocks, s[1], s[2], s[3])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="data")
    ap.add_argument("--java", help="CSV printed by SecureMemPeerCheck, to compare against")
    args = ap.parse_args()
    rows = []
    for gib in (1, 3, 16):
        for s in SCHEMES:
            mac, leaf, tree, lv = storage(gib << 30, s)
            rows.append(["storage", label(s), f"{gib}GiB", mac, leaf, tree, lv, 0, 0, 0, 0, 0, 0])
    protected = 16 << 30
    blocks = protected // BLOCK
    for name in ("wordcount", "sort", "gzip"):
        ops = read_lackey(f"{args.data}/securemem/{name}.lackey.gz", protected)
        for s in SCHEMES:
            times = []
            for _ in range(3):
                start = time.perf_counter()
                ev = run(s, ops, blocks)
                times.append(time.perf_counter() - start)
            seconds = sorted(times)[1]
            rows.append(["events", label(s), name, ev["writes"], ev["tree"], ev["inplace"], ev["moves"],
                         ev["new"], ev["full"], ev["rebases"], ev["minor_over"], ev["reenc"], f"{seconds:.4f}"])
    out = csv.writer(sys.stdout)
    out.writerow(["kind", "scheme", "case", "a", "b", "c", "d", "e", "f", "g", "h", "i", "seconds"])
    out.writerows(rows)

    node = bytes(range(64))
    n = 200_000
    start = time.perf_counter()
    for i in range(n):
        hashlib.sha256(node).digest()
    sha_ns = (time.perf_counter() - start) / n * 1e9
    key = bytes(32)
    msg = bytes(80)
    start = time.perf_counter()
    for i in range(n):
        hmac.new(key, msg, hashlib.sha256).digest()
    hmac_ns = (time.perf_counter() - start) / n * 1e9
    print(f"# hashlib sha256 64-byte node: {sha_ns:.0f} ns; hmac-sha256 80 bytes: {hmac_ns:.0f} ns", file=sys.stderr)

    if args.java:
        with open(args.java) as f:
            java = {(r[0], r[1], r[2]): r for r in csv.reader(f) if r and r[0] != "kind"}
        mismatches = 0
        ratios = []
        for r in rows:
            j = java.get((r[0], r[1], r[2]))
            if j is None or [str(x) for x in r[3:12]] != j[3:12]:
                mismatches += 1
                print(f"MISMATCH {r[:3]}: python {r[3:12]} java {j[3:12] if j else None}", file=sys.stderr)
            elif r[0] == "events" and r[1] != "monolithic":
                # The monolithic peer only counts writes, so its time is not comparable.
                ratios.append((r[1], r[2], float(j[12]) / float(r[12])))
        print(f"# {len(rows) - mismatches} of {len(rows)} rows identical", file=sys.stderr)
        ratios.sort(key=lambda x: x[2])
        med = ratios[len(ratios) // 2][2] if ratios else float("nan")
        print(f"# time ratio java/python (events-only runs), median {med:.4f}, "
              f"min {ratios[0][2]:.4f}, max {ratios[-1][2]:.4f}", file=sys.stderr)
        return 1 if mismatches else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
