package io.github.archmodels.securemem;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * Seeded synthetic traces over the blocks of a protected memory. Every generator returns
 * block-aligned byte addresses in {@code [0, protectedBytes)}, each access a write with
 * probability {@code writeFraction}.
 */
public final class TraceGenerator {

    private TraceGenerator() {
    }

    /** Returns {@code accesses} accesses to blocks drawn uniformly. */
    public static Trace uniform(long protectedBytes, int blockBytes, int accesses, double writeFraction,
            long seed) {
        long blocks = blocks(protectedBytes, blockBytes, accesses, writeFraction);
        SplittableRandom random = new SplittableRandom(seed);
        Trace.Builder out = new Trace.Builder();
        for (int i = 0; i < accesses; i++) {
            out.add(random.nextDouble() < writeFraction, random.nextLong(blocks) * blockBytes);
        }
        return out.build("uniform");
    }

    /**
     * Returns accesses whose block popularity follows Zipf's law with {@code exponent}: the block
     * of rank {@code r} (1 = hottest) is drawn with probability proportional to {@code r^-exponent}.
     * Ranks are scattered over memory by the bijection {@code block = (r - 1) * m mod N} with an odd
     * multiplier {@code m} coprime to {@code N}, so hot blocks do not share a counter line.
     * Sampling uses commons-math3's rejection-inversion sampler, which is O(1) per draw for any N.
     */
    public static Trace zipf(long protectedBytes, int blockBytes, int accesses, double exponent,
            double writeFraction, long seed) {
        long blocks = blocks(protectedBytes, blockBytes, accesses, writeFraction);
        if (!(exponent > 0)) {
            throw new IllegalArgumentException("exponent is " + exponent + "; it must be positive, for example 0.99");
        }
        if (blocks > Integer.MAX_VALUE) {
            // NOTE: ZipfDistribution takes an int element count, so above 2^31 - 1 blocks only
            // that many ranks are drawn. The bijection below still scatters them over all blocks.
            blocks = Math.min(blocks, Integer.MAX_VALUE);
        }
        ZipfDistribution zipf = new ZipfDistribution(new Well19937c(seed), (int) blocks, exponent);
        SplittableRandom random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        long n = blocks(protectedBytes, blockBytes, accesses, writeFraction);
        long multiplier = coprimeMultiplier(n);
        Trace.Builder out = new Trace.Builder();
        for (int i = 0; i < accesses; i++) {
            long rank = zipf.sample() - 1;
            long block = multiplyMod(rank, multiplier, n);
            out.add(random.nextDouble() < writeFraction, block * blockBytes);
        }
        return out.build("zipf-" + exponent);
    }

    /** Returns a sequential sweep over memory, {@code strideBlocks} blocks apart, wrapping at the end. */
    public static Trace streaming(long protectedBytes, int blockBytes, int accesses, long strideBlocks,
            double writeFraction, long seed) {
        long blocks = blocks(protectedBytes, blockBytes, accesses, writeFraction);
        if (strideBlocks < 1) {
            throw new IllegalArgumentException("strideBlocks is " + strideBlocks + "; it must be at least 1");
        }
        SplittableRandom random = new SplittableRandom(seed);
        Trace.Builder out = new Trace.Builder();
        long block = 0;
        for (int i = 0; i < accesses; i++) {
            out.add(random.nextDouble() < writeFraction, block * blockBytes);
            block = (block + strideBlocks) % blocks;
        }
        return out.build("streaming");
    }

    /**
     * Returns accesses of which a fraction {@code hotFraction} go to {@code hotBlocks} hot blocks
     * (chosen at random, then drawn uniformly among themselves) and the rest uniformly to all blocks.
     */
    public static Trace hotBlocks(long protectedBytes, int blockBytes, int accesses, int hotBlocks,
            double hotFraction, double writeFraction, long seed) {
        long blocks = blocks(protectedBytes, blockBytes, accesses, writeFraction);
        if (hotBlocks < 1 || hotBlocks > blocks) {
            throw new IllegalArgumentException("hotBlocks is " + hotBlocks + "; it must be in 1.." + blocks);
        }
        if (!(hotFraction >= 0 && hotFraction <= 1)) {
            throw new IllegalArgumentException("hotFraction is " + hotFraction + "; it must be in [0, 1]");
        }
        SplittableRandom random = new SplittableRandom(seed);
        long[] hot = new long[hotBlocks];
        for (int i = 0; i < hotBlocks; i++) {
            hot[i] = random.nextLong(blocks);
        }
        Trace.Builder out = new Trace.Builder();
        for (int i = 0; i < accesses; i++) {
            long block = random.nextDouble() < hotFraction ? hot[random.nextInt(hotBlocks)]
                    : random.nextLong(blocks);
            out.add(random.nextDouble() < writeFraction, block * blockBytes);
        }
        return out.build("hot-" + hotBlocks);
    }

    private static long blocks(long protectedBytes, int blockBytes, int accesses, double writeFraction) {
        if (blockBytes < 1) {
            throw new IllegalArgumentException("blockBytes is " + blockBytes + "; it must be positive, for example 64");
        }
        if (protectedBytes < blockBytes || protectedBytes % blockBytes != 0) {
            throw new IllegalArgumentException("protectedBytes is " + protectedBytes
                    + "; it must be a positive multiple of blockBytes (" + blockBytes + ")");
        }
        if (accesses < 0) {
            throw new IllegalArgumentException("accesses is " + accesses + "; it must be at least 0");
        }
        if (!(writeFraction >= 0 && writeFraction <= 1)) {
            throw new IllegalArgumentException("writeFraction is " + writeFraction + "; it must be in [0, 1]");
        }
        return protectedBytes / blockBytes;
    }

    private static long coprimeMultiplier(long n) {
        if (n == 1) {
            return 1;
        }
        long m = (0x9E3779B97F4A7C15L >>> 3) % n;
        while (m < 1 || gcd(m, n) != 1) {
            m = (m + 1) % n;
        }
        return m;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    private static long multiplyMod(long a, long b, long n) {
        if (Math.multiplyHigh(a, b) == 0 && a * b >= 0) {
            return (a * b) % n;
        }
        return BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)).mod(BigInteger.valueOf(n)).longValue();
    }
}
