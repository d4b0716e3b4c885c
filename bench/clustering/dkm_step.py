#!/usr/bin/python3
"""One DKM forward and backward step in PyTorch, the peer of DkmStepBenchmark (Java).

Same graph as io.github.archmodels.clustering.DkmLayer: a fused squared-distance function that
saves W and C, A = softmax(-D / tau), C = (A^T W) / (A^T 1) with the previous centroid kept where a
column of A sums to 0, and W~ = A C. Inputs come from the integer formulas in DkmStepInputs.java.

Usage: /usr/bin/python3 bench/clustering/dkm_step.py [--threads N] [weights ...]
(defaults: 2 threads, 1048576 weights).
Prints checksums, the saved-tensor bytes seen by saved_tensors_hooks, and the median step time.
"""
import statistics
import sys
import time

import torch

K = 8
TAU = 1e-4
ITERATIONS = 3


class SquaredDistance(torch.autograd.Function):
    """D_ij = ||w_i - c_j||^2, saving only w and c (as the Java op does)."""

    @staticmethod
    def forward(ctx, w, c):
        ctx.save_for_backward(w, c)
        return (w.unsqueeze(1) - c.unsqueeze(0)).pow(2).sum(-1)

    @staticmethod
    def backward(ctx, g):
        w, c = ctx.saved_tensors
        gw = gc = None
        if ctx.needs_input_grad[0]:
            gw = 2 * (g.sum(1, keepdim=True) * w - g @ c)
        if ctx.needs_input_grad[1]:
            gc = -2 * (g.t() @ w - g.sum(0).unsqueeze(1) * c)
        return gw, gc


def inputs(n):
    i = torch.arange(n, dtype=torch.int64)
    w = ((((i * 2654435761) & 0xFFFFFFFF).double() / 4294967296.0 - 0.5) * 0.1).float()
    g = ((((i * 40503) % 65536).double() / 65536.0) - 0.5).float()
    c = torch.tensor([-0.05 + 0.1 * (j + 0.5) / K for j in range(K)], dtype=torch.float64).float()
    return w, g, c.reshape(K, 1)


def step(w_flat, upstream, c0, count_bytes=False):
    weight = w_flat.clone().reshape(-1, 1024).requires_grad_(True)
    saved = {"references": 0, "reference_bytes": 0, "storages": {}}

    def pack(t):
        nbytes = t.numel() * t.element_size()
        saved["references"] += 1
        saved["reference_bytes"] += nbytes
        saved["storages"][t.storage().data_ptr()] = t.storage().nbytes()
        return t

    def run():
        x = weight.reshape(-1, 1)
        c = c0
        a = None
        for _ in range(ITERATIONS):
            d = SquaredDistance.apply(x, c)
            a = torch.softmax(d * (-1.0 / TAU), dim=1)
            num = a.t() @ x
            den = a.sum(0).unsqueeze(1)
            c = torch.where(den > 0, num / den, c)
        return (a @ c).reshape(weight.shape)

    if count_bytes:
        with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
            clustered = run()
    else:
        clustered = run()
    clustered.backward(upstream.reshape(weight.shape))
    return clustered.detach(), weight.grad, saved


def main():
    args = sys.argv[1:]
    threads = 2
    if args[:1] == ["--threads"]:
        threads = int(args[1])
        args = args[2:]
    torch.set_num_threads(threads)
    sizes = [int(a) for a in args] or [1 << 20]
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads")
    for n in sizes:
        w, g, c0 = inputs(n)
        clustered, grad, saved = step(w, g, c0, count_bytes=True)
        print(f"weights {n}")
        print(f"sum(W~) {clustered.double().sum().item():.6e}")
        print(f"sum(grad) {grad.double().sum().item():.6e}")
        print(f"sum|grad| {grad.double().abs().sum().item():.6e}")
        print("W~[0..3] " + " ".join(f"{v:.7e}" for v in clustered.flatten()[:4].tolist()))
        print("grad[0..3] " + " ".join(f"{v:.7e}" for v in grad.flatten()[:4].tolist()))
        print(f"saved references {saved['references']}, saved reference bytes {saved['reference_bytes']},"
              f" distinct storages {sum(saved['storages'].values())} bytes")
        for _ in range(3):
            step(w, g, c0)
        times = []
        repeats = 10 if n <= (1 << 22) else 4
        for _ in range(repeats):
            start = time.perf_counter()
            step(w, g, c0)
            times.append(time.perf_counter() - start)
        print(f"median step {statistics.median(times) * 1e3:.2f} ms over {repeats} runs"
              f" (min {min(times) * 1e3:.2f} ms)")


if __name__ == "__main__":
    main()
