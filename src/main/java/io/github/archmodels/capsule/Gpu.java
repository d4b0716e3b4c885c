package io.github.archmodels.capsule;

import java.util.List;
import java.util.Locale;

/**
 * A tensor-core GPU as the energy model sees it: throughput and static power.
 *
 * <p>Tensor-core FMA per clock of the whole chip is {@code sms * tensorCoresPerSm * fmaPerTensorCorePerClock}:
 * V100 80 x 8 x 64 = 40,960 (each Volta tensor core does a 4x4x4 product per clock); A100
 * 108 x 4 x 256 = 110,592; H100 SXM 132 x 4 x 512 = 270,336, which at 1.83 GHz boost is
 * 989 dense FP16 TFLOPS, NVIDIA's data-sheet figure.
 *
 * <p>Static power is an estimate. For V100 it is AccelWattch's QV100 model (Kandiah et al.,
 * MICRO 2021, {@code accelwattch_sass_hw.xml}): 32.33 W constant plus 0.283 W per idle SM times
 * 80 SMs, about 55 W, which is 18 % of the 300 W board power. NOTE: A100 and H100 use the same
 * 18 % of their board power (400 W and 700 W); no public AccelWattch model exists for them.
 *
 * @param name label
 * @param sms streaming multiprocessors
 * @param tensorCoresPerSm tensor cores per SM
 * @param fmaPerTensorCorePerClock FP16 fused multiply-adds per tensor core per clock
 * @param clockHertz tensor-core clock (boost)
 * @param staticWatts power drawn regardless of activity while the kernel runs
 */
public record Gpu(String name, int sms, int tensorCoresPerSm, int fmaPerTensorCorePerClock,
        double clockHertz, double staticWatts) {

    public Gpu {
        if (sms <= 0 || tensorCoresPerSm <= 0 || fmaPerTensorCorePerClock <= 0) {
            throw new IllegalArgumentException("GPU " + name + ": sms = " + sms + ", tensorCoresPerSm = "
                    + tensorCoresPerSm + ", fmaPerTensorCorePerClock = " + fmaPerTensorCorePerClock
                    + "; all must be positive");
        }
        if (!(clockHertz > 0) || !Double.isFinite(clockHertz)) {
            throw new IllegalArgumentException("GPU " + name + ": clockHertz = " + clockHertz
                    + " is invalid; it must be positive and finite, for example 1.41e9");
        }
        if (!(staticWatts >= 0) || !Double.isFinite(staticWatts)) {
            throw new IllegalArgumentException("GPU " + name + ": staticWatts = " + staticWatts
                    + " is invalid; it must be zero or positive and finite");
        }
    }

    /** NVIDIA V100 SXM2: 80 SMs, 8 tensor cores each, 1.53 GHz. */
    public static Gpu v100() {
        return new Gpu("V100", 80, 8, 64, 1.53e9, 32.33 + 0.283 * 80);
    }

    /** NVIDIA A100 SXM4: 108 SMs, 4 tensor cores each, 1.41 GHz. */
    public static Gpu a100() {
        return new Gpu("A100", 108, 4, 256, 1.41e9, 0.18 * 400);
    }

    /** NVIDIA H100 SXM5: 132 SMs, 4 tensor cores each, 1.83 GHz. */
    public static Gpu h100() {
        return new Gpu("H100", 132, 4, 512, 1.83e9, 0.18 * 700);
    }

    public static List<Gpu> presets() {
        return List.of(v100(), a100(), h100());
    }

    /** Returns the preset of that name (case-insensitive). */
    public static Gpu byName(String name) {
        for (Gpu g : presets()) {
            if (g.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown GPU \"" + name + "\"; known GPUs: V100, A100, H100");
    }

    /** Tensor-core FMAs per clock of the whole chip. */
    public long fmaPerClock() {
        return (long) sms * tensorCoresPerSm * fmaPerTensorCorePerClock;
    }

    public Gpu withClockHertz(double value) {
        return new Gpu(name, sms, tensorCoresPerSm, fmaPerTensorCorePerClock, value, staticWatts);
    }

    public Gpu withStaticWatts(double value) {
        return new Gpu(name, sms, tensorCoresPerSm, fmaPerTensorCorePerClock, clockHertz, value);
    }

    public Gpu withSms(int value) {
        return new Gpu(name, value, tensorCoresPerSm, fmaPerTensorCorePerClock, clockHertz, staticWatts);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %d SMs x %d TCs x %d FMA/clk = %,d FMA/clk at %.2f GHz, %.1f W static",
                name, sms, tensorCoresPerSm, fmaPerTensorCorePerClock, fmaPerClock(), clockHertz / 1e9,
                staticWatts);
    }
}
