#!/usr/bin/env python3
"""PyTorch CPU peer of the Java functional CapsNet (io.github.archmodels.capsule.FunctionalCapsNet).

Reads the seeded weights, Fashion-MNIST images and Java outputs that
io.github.archmodels.bench.CapsuleExport writes. It runs the same network (Conv1, PrimaryCaps,
squash, DigitCaps prediction, 3 routing iterations, masked decoder) in float32 and checks that
the outputs agree with Java's within 1e-4. Then it times the forward pass for several batch sizes.

Usage: python3 bench/capsule/capsnet_torch.py [peer_dir] [threads] [repeats]
       defaults: target/capsule-peer, 2, 7
"""
import statistics
import sys
import time

import numpy as np
import torch

H = W = 28
K = 9
F = 256
TYPES = 32
D_IN = 8
CLASSES = 10
D_OUT = 16
ITERATIONS = 3
H1, H2 = 512, 1024
N_IN = TYPES * 6 * 6


def load_weights(path):
    flat = np.fromfile(path, dtype="<f4")
    sizes = [K * K * 1 * F, F, K * K * F * TYPES * D_IN, TYPES * D_IN,
             N_IN * CLASSES * D_OUT * D_IN, CLASSES * D_OUT * H1, H1, H1 * H2, H2, H2 * H * W, H * W]
    if flat.size != sum(sizes):
        sys.exit(f"{path}: {flat.size} floats, expected {sum(sizes)} for the Fashion-MNIST CapsNet")
    parts, offset = [], 0
    for size in sizes:
        parts.append(torch.from_numpy(flat[offset:offset + size].copy()))
        offset += size
    conv1, conv1_b, prim, prim_b, digit, fc1, fc1_b, fc2, fc2_b, fc3, fc3_b = parts
    # Java stores convolution weights as [(ky*k + kx)*C + c][out]; torch wants [out][c][ky][kx].
    conv1 = conv1.reshape(K, K, 1, F).permute(3, 2, 0, 1).contiguous()
    prim = prim.reshape(K, K, F, TYPES * D_IN).permute(3, 2, 0, 1).contiguous()
    digit = digit.reshape(N_IN, CLASSES, D_OUT, D_IN)
    return dict(conv1=conv1, conv1_b=conv1_b, prim=prim, prim_b=prim_b, digit=digit,
                fc1=fc1.reshape(CLASSES * D_OUT, H1), fc1_b=fc1_b, fc2=fc2.reshape(H1, H2), fc2_b=fc2_b,
                fc3=fc3.reshape(H2, H * W), fc3_b=fc3_b)


def squash(s):
    sq = (s * s).sum(dim=-1, keepdim=True)
    return s * (sq / (1 + sq) / torch.sqrt(sq + 1e-7))


def forward(w, images):
    batch = images.shape[0]
    x = images.reshape(batch, 1, H, W)
    x = torch.relu(torch.nn.functional.conv2d(x, w["conv1"], w["conv1_b"]))
    x = torch.nn.functional.conv2d(x, w["prim"], w["prim_b"], stride=2)
    # Capsule i = (y*6 + x)*32 + t contains channels t*8 .. t*8+7 at position (y, x).
    u = squash(x.permute(0, 2, 3, 1).reshape(batch, N_IN, D_IN))
    u_hat = torch.einsum("ijde,bie->bijd", w["digit"], u)
    logits = torch.zeros(batch, N_IN, CLASSES)
    for it in range(ITERATIONS):
        c = torch.softmax(logits, dim=2)
        v = squash(torch.einsum("bij,bijd->bjd", c, u_hat))
        if it < ITERATIONS - 1:
            logits = logits + torch.einsum("bijd,bjd->bij", u_hat, v)
    lengths = v.norm(dim=-1)
    predicted = lengths.argmax(dim=1)
    mask = torch.nn.functional.one_hot(predicted, CLASSES).to(v.dtype).unsqueeze(-1)
    h = (v * mask).reshape(batch, CLASSES * D_OUT)
    h = torch.relu(h @ w["fc1"] + w["fc1_b"])
    h = torch.relu(h @ w["fc2"] + w["fc2_b"])
    recon = torch.sigmoid(h @ w["fc3"] + w["fc3_b"])
    return v, recon, predicted


def main():
    peer_dir = sys.argv[1] if len(sys.argv) > 1 else "target/capsule-peer"
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    torch.set_num_threads(threads)
    w = load_weights(f"{peer_dir}/weights.f32")
    images = torch.from_numpy(np.fromfile(f"{peer_dir}/images.f32", dtype="<f4").reshape(-1, H * W).copy())
    java_v = np.fromfile(f"{peer_dir}/class_capsules.f32", dtype="<f4").reshape(-1, CLASSES, D_OUT)
    java_recon = np.fromfile(f"{peer_dir}/reconstructions.f32", dtype="<f4").reshape(-1, H * W)
    java_pred = np.loadtxt(f"{peer_dir}/predicted.txt", dtype=int)

    with torch.no_grad():
        v, recon, predicted = forward(w, images)
    dv = float(np.abs(v.numpy() - java_v).max())
    dr = float(np.abs(recon.numpy() - java_recon).max())
    same = int((predicted.numpy() == java_pred).sum())
    print(f"torch {torch.__version__}, numpy {np.__version__}, {threads} threads")
    print(f"max |v_torch - v_java| = {dv:.3g}, max |recon_torch - recon_java| = {dr:.3g},"
          f" same predictions {same}/{len(java_pred)}")
    if dv > 1e-4 or dr > 1e-4:
        sys.exit("outputs differ from Java by more than 1e-4")

    print("batch,median_seconds,min_seconds,images_per_second")
    with torch.no_grad():
        for batch in (8, 16, 32, 64):
            x = images[:batch]
            forward(w, x)
            times = []
            for _ in range(repeats):
                start = time.perf_counter()
                forward(w, x)
                times.append(time.perf_counter() - start)
            median = statistics.median(times)
            print(f"{batch},{median:.4f},{min(times):.4f},{batch / median:.1f}")


if __name__ == "__main__":
    main()
