package io.github.archmodels.clustering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.archmodels.clustering.autograd.Tape;
import io.github.archmodels.clustering.autograd.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DkmTest {

    /** Logistic function 1 / (1 + e^-x). */
    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void fourScalarWeightsByHand() {
        // Weights 0, 1, 3, 4; b = 1 (k = 2), d = 1, tau = 1, one DKM iteration.
        // k-means init converges to the two cluster means, 0.5 and 3.5, from any seeding.
        // Distances to (0.5, 3.5): w=0 -> (0.25, 12.25), w=1 -> (0.25, 6.25),
        //                          w=3 -> (6.25, 0.25), w=4 -> (12.25, 0.25).
        // A = softmax(-D): row w=0 -> (s(12), 1 - s(12)), w=1 -> (s(6), 1 - s(6)), and the mirror
        // rows for 3 and 4, with s(x) = 1 / (1 + e^-x) (s(12) = 0.99999386, s(6) = 0.99752738).
        // Column 0 sums to s(12) + s(6) + (1 - s(6)) + (1 - s(12)) = 2, so
        // c0 = (0 s(12) + 1 s(6) + 3 (1 - s(6)) + 4 (1 - s(12))) / 2 = 0.50248491 and, by symmetry,
        // c1 = 4 - c0 = 3.49751509.
        // W~ = A C: w=0 -> s(12) c0 + (1 - s(12)) c1 = 0.50250332, w=1 -> s(6) c0 + (1 - s(6)) c1.
        DkmOptions options = DkmOptions.bits(1).withTau(1.0).withMaxIterations(1);
        DkmResult r = Dkm.fit(new float[] {0f, 1f, 3f, 4f}, options);

        double s12 = logistic(12);
        double s6 = logistic(6);
        double c0 = (1 * s6 + 3 * (1 - s6) + 4 * (1 - s12)) / 2;
        double c1 = 4 - c0;
        assertEquals(0.50248491, c0, 1e-8);
        int low = r.centroids()[0] < r.centroids()[1] ? 0 : 1;
        assertEquals(c0, r.centroids()[low], 1e-6);
        assertEquals(c1, r.centroids()[1 - low], 1e-6);
        assertEquals(s12, r.attention()[low], 1e-6);
        assertEquals(s6, r.attention()[2 + low], 1e-6);
        assertEquals(s12 * c0 + (1 - s12) * c1, r.clusteredWeights()[0], 1e-6);
        assertEquals(s6 * c0 + (1 - s6) * c1, r.clusteredWeights()[1], 1e-6);
        assertEquals((1 - s6) * c0 + s6 * c1, r.clusteredWeights()[2], 1e-6);
        assertEquals((1 - s12) * c0 + s12 * c1, r.clusteredWeights()[3], 1e-6);
        assertEquals(1, r.iterations());

        // Hard export: 0 and 1 are nearest to c0, 3 and 4 to c1; 1 bit per weight.
        Palette p = r.palette();
        assertArrayEquals(new int[] {low, low, 1 - low, 1 - low}, p.indices());
        float[] rebuilt = p.reconstruct();
        assertEquals(c0, rebuilt[0], 1e-6);
        assertEquals(c1, rebuilt[3], 1e-6);
        assertEquals(1.0, p.indexBitsPerWeight());
        // Packed: 4 indices x 1 bit = 1 byte, LUT 2 x 2 bytes (bf16) = 4 bytes.
        assertEquals(5, p.packedBytes(Dtype.BF16));
    }

    @Test
    void tinyTauGivesHardAssignment() {
        // tau = 1e-12 multiplies distances by -1e12; the max-subtracted softmax still gives exact
        // one-hot rows, and A C equals the hard k-means reconstruction.
        float[] w = {0f, 0.1f, 0.9f, 1f, 5f, 5.2f};
        DkmResult r = Dkm.fit(w, DkmOptions.bits(1).withTau(1e-12));
        for (float a : r.attention()) {
            assertTrue(a == 0f || a == 1f, "attention " + a + " is not 0 or 1");
        }
        assertArrayEquals(r.palette().reconstruct(), r.clusteredWeights(), 1e-6f);
    }

    @Test
    void toleranceStopsEarly() {
        float[] w = randomWeights(500, 3);
        DkmResult fixed = Dkm.fit(w, DkmOptions.bits(2).withTau(1e-3).withMaxIterations(50));
        DkmResult early = Dkm.fit(w, DkmOptions.bits(2).withTau(1e-3).withMaxIterations(50)
                .withEpsilon(1e-3));
        assertEquals(50, fixed.iterations());
        assertTrue(early.iterations() < 50, "ran " + early.iterations() + " iterations");
    }

    @Test
    void vectorClusteringUsesDVectors() {
        // Pairs (0, 0), (0, 0.1), (5, 5), (5, 5.1): two clusters of 2-vectors, 1 bit per 2 weights.
        float[] w = {0f, 0f, 0f, 0.1f, 5f, 5f, 5f, 5.1f};
        DkmResult r = Dkm.fit(w, 2, 4, DkmOptions.bits(1).withClusterDim(2).withTau(1e-3));
        Palette p = r.palette();
        assertEquals(4, p.indices().length);
        assertEquals(p.indices()[0], p.indices()[1]);
        assertEquals(p.indices()[2], p.indices()[3]);
        assertTrue(p.indices()[0] != p.indices()[2]);
        assertEquals(0.5, p.indexBitsPerWeight());
        float[] rebuilt = p.reconstruct();
        assertEquals(0.05f, rebuilt[1], 1e-5f);
        assertEquals(5.05f, rebuilt[7], 1e-5f);
    }

    @Test
    void perChannelScaleClustersNormalizedRows() {
        // Row 0 is row 1 times 100; with per-row scales both rows map to the same normalized values.
        float[] w = {100f, -50f, 25f, 1f, -0.5f, 0.25f};
        DkmResult r = Dkm.fit(w, 2, 3, DkmOptions.bits(2).withTau(1e-6).withPerChannelScale(true));
        Palette p = r.palette();
        assertArrayEquals(new float[] {100f, 1f}, p.scales());
        assertEquals(p.indices()[0], p.indices()[3]);
        assertArrayEquals(w, p.reconstruct(), 1e-4f);
        assertArrayEquals(w, r.clusteredWeights(), 1e-3f);
    }

    @Test
    void sameSeedSameCentroids() {
        float[] w = randomWeights(1000, 11);
        assertArrayEquals(Dkm.fit(w, DkmOptions.bits(3)).centroids(),
                Dkm.fit(w, DkmOptions.bits(3)).centroids());
    }

    @Test
    void centroidsCarryOverBetweenPasses() {
        float[] w = randomWeights(200, 4);
        DkmLayer layer = DkmLayer.of(DkmOptions.bits(2).withTau(1e-3));
        Tensor weight = Tensor.of(w, 10, 20, Dtype.FP32, false);
        layer.forward(new Tape(), weight);
        float[] first = layer.centroids();
        layer.forward(new Tape(), weight);
        // The second pass starts from the first pass's centroids, so it refines rather than resets.
        float[] second = layer.centroids();
        for (int j = 0; j < first.length; j++) {
            assertEquals(first[j], second[j], 1e-2);
        }
    }

    @Test
    void bitsPerWeightIsBOverD() {
        assertEquals(3.0, Dkm.bitsPerWeight(3, 1));
        assertEquals(1.0, Dkm.bitsPerWeight(6, 6));
        assertEquals(0.5, Dkm.bitsPerWeight(4, 8));
    }

    @Test
    void rejectsBitsOutsideRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DkmOptions.bits(9));
        assertTrue(e.getMessage().contains("bits = 9"), e.getMessage());
        assertTrue(e.getMessage().contains("1..8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DkmOptions.bits(0));
        assertTrue(e.getMessage().contains("bits = 0"), e.getMessage());
    }

    @Test
    void rejectsNonPositiveTau() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DkmOptions.bits(3).withTau(0));
        assertTrue(e.getMessage().contains("tau = 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DkmOptions.bits(3).withTau(-1e-4));
        assertTrue(e.getMessage().contains("tau = -1.0E-4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DkmOptions.bits(3).withTau(Double.NaN));
        assertTrue(e.getMessage().contains("tau = NaN"), e.getMessage());
    }

    @Test
    void rejectsClusterDimThatDoesNotDivide() {
        // 10 weights in 3-vectors leave a remainder of 1, which is rejected, not dropped.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dkm.fit(new float[10], DkmOptions.bits(2).withClusterDim(3)));
        assertTrue(e.getMessage().contains("d = 3"), e.getMessage());
        assertTrue(e.getMessage().contains("remainder of 1"), e.getMessage());
    }

    @Test
    void rejectsNanWeights() {
        float[] w = {0f, 1f, Float.NaN, 2f};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dkm.fit(w, DkmOptions.bits(1)));
        assertTrue(e.getMessage().contains("column 2 is NaN"), e.getMessage());
    }

    @Test
    void rejectsEmptyWeights() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dkm.fit(new float[0], DkmOptions.bits(1)));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void rejectsOtherBadOptions() {
        assertThrows(IllegalArgumentException.class, () -> DkmOptions.bits(3).withClusterDim(0));
        assertThrows(IllegalArgumentException.class, () -> DkmOptions.bits(3).withMaxIterations(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DkmOptions.bits(3).withEpsilon(-1));
        assertTrue(e.getMessage().contains("epsilon = -1.0"), e.getMessage());
    }

    @Test
    void bf16RoundingTiesToEven() {
        // 1 + 2^-8 lies halfway between bf16 neighbours 1 and 1 + 2^-7; ties go to the even one, 1.
        assertEquals(1f, Dtype.BF16.round(1f + 0x1p-8f));
        // 1 + 3 * 2^-8 is halfway between 1 + 2^-7 and 1 + 2^-6; the even neighbour is 1 + 2^-6.
        assertEquals(1f + 0x1p-6f, Dtype.BF16.round(1f + 3 * 0x1p-8f));
        // fp16 has 10 mantissa bits: 1 + 2^-11 ties to 1, 1 + 2^-10 is exact.
        assertEquals(1f, Dtype.FP16.round(1f + 0x1p-11f));
        assertEquals(1f + 0x1p-10f, Dtype.FP16.round(1f + 0x1p-10f));
        assertEquals(65504f, Dtype.FP16.round(65504f));
        assertEquals(Float.POSITIVE_INFINITY, Dtype.FP16.round(70000f));
        // Subnormal fp16 spacing is 2^-24.
        assertEquals(0x1p-24f, Dtype.FP16.round(0x1.2p-24f));
    }

    static float[] randomWeights(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (r.nextGaussian() * 0.05);
        }
        return w;
    }

    @Test
    void moreClustersThanWeightsRejected() {
        // 3 bits = 8 clusters for 5 scalar weights: at most 2 bits (4 clusters) fit.
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Dkm.fit(new float[] {0f, 1f, 2f, 3f, 4f}, DkmOptions.bits(3)));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("8 clusters (3 bits) for only 5"),
                e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("at most 2 bits"), e.getMessage());
    }
}
