package io.github.archmodels.capsule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.archmodels.capsule.FunctionalCapsNet.Mode;
import io.github.archmodels.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FunctionalCapsNetTest {

    private static final int BATCH = 16;
    private static FashionMnist data;
    private static CapsNetWeights fashionWeights;

    @BeforeAll
    static void load() throws IOException {
        data = FashionMnist.shippedTestSplit(Path.of("data"));
        fashionWeights = CapsNetWeights.seeded(CapsNetSpec.fashionMnist(), 7);
    }

    @Test
    void eliminationKeepsOutputsOnRealImages() {
        float[] images = FunctionalCapsNet.images(data, 100, BATCH);
        for (TileShape tile : List.of(TileShape.wmma16x16x16(), TileShape.wmma32x8x16())) {
            FunctionalCapsNet net = FunctionalCapsNet.of(fashionWeights, tile);
            ForwardResult padded = net.forward(images, BATCH, Mode.PADDED);
            ForwardResult eliminated = net.forward(images, BATCH, Mode.ELIMINATED);
            assertEquals(0.0, padded.maxAbsDifference(eliminated), tile.name());
            assertArrayEquals(padded.predicted(), eliminated.predicted(), tile.name());
            assertArrayEquals(padded.lengths(), eliminated.lengths(), tile.name());
            assertTrue(eliminated.executedMacs() < padded.executedMacs(), tile.name());
        }
    }

    @Test
    void paddedSlotsMatchTileMapping() {
        TileShape tile = TileShape.wmma32x8x16();
        FunctionalCapsNet net = FunctionalCapsNet.of(fashionWeights, tile);
        ForwardResult padded = net.forward(FunctionalCapsNet.images(data, 0, BATCH), BATCH, Mode.PADDED);
        TileMapping mapping = TileMapping.of(CapsNetSpec.fashionMnist(), BATCH, tile);
        for (LayerTiling expected : mapping.layers()) {
            LayerOps measured = padded.layer(expected.layer());
            assertEquals(expected.issuedSlots(), measured.paddedSlots(), expected.layer());
            assertEquals(expected.usefulMacs(), measured.usefulMacs(), expected.layer());
            assertEquals(measured.paddedSlots(), measured.executedMacs(), expected.layer());
        }
    }

    @Test
    void skippedCountsAddUp() {
        FunctionalCapsNet net = FunctionalCapsNet.of(fashionWeights, TileShape.wmma16x16x16());
        ForwardResult e = net.forward(FunctionalCapsNet.images(data, 0, BATCH), BATCH, Mode.ELIMINATED);
        for (LayerOps l : e.layers()) {
            assertEquals(l.paddedSlots(), l.executedMacs() + l.paddingSkipped() + l.zeroSkipped(), l.layer());
            assertEquals(l.paddedSlots() - l.usefulMacs(), l.paddingSkipped(), l.layer());
        }
        // The decoder mask leaves 16 of 160 inputs: 9/10 of decoder-fc1's MACs see a zero.
        LayerOps fc1 = e.layer("decoder-fc1");
        assertEquals(fc1.usefulMacs() * 9 / 10, fc1.zeroSkipped());
        // Fashion-MNIST has black background pixels: many Conv1 inputs are zero.
        assertTrue(e.layer("conv1").zeroFraction() > 0.1);
        // Prediction on m16n16k16: K = 8 of 16, half of the slots are padding.
        assertEquals(e.layer("prediction").usefulMacs(), e.layer("prediction").paddingSkipped());
    }

    @Test
    void squashByHand() {
        float[] v = {3, 4};
        FunctionalCapsNet.squash(v, 0, 2);
        // |s|^2 = 25, scale = 25 / 26 / 5: (3, 4) -> (0.576923, 0.769231).
        assertEquals(0.576923f, v[0], 1e-6f);
        assertEquals(0.769231f, v[1], 1e-6f);
    }

    @Test
    void matchesDirectImplementation() {
        CapsNetSpec spec = new CapsNetSpec("small", 12, 12, 2, 4, 3, 2, 3, 3, 5, 3);
        CapsNetWeights w = CapsNetWeights.seeded(spec, 11);
        int batch = 3;
        SplittableRandom random = new SplittableRandom(5);
        float[] images = new float[batch * spec.inputSize()];
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextDouble() < 0.3 ? 0f : (float) random.nextDouble();
        }
        double[][] expected = Reference.forward(spec, w, images, batch);
        for (TileShape tile : List.of(TileShape.wmma16x16x16(), TileShape.mma8x8x4(), TileShape.wmma8x32x16())) {
            for (Mode mode : Mode.values()) {
                ForwardResult r = FunctionalCapsNet.of(w, tile, 2).forward(images, batch, mode);
                float[] v = r.classCapsules();
                for (int i = 0; i < v.length; i++) {
                    assertEquals(expected[0][i], v[i], 1e-5, tile.name() + " " + mode + " capsule " + i);
                }
                float[] rec = r.reconstructions();
                for (int i = 0; i < rec.length; i++) {
                    assertEquals(expected[1][i], rec[i], 1e-5, tile.name() + " " + mode + " pixel " + i);
                }
            }
        }
    }

    @Test
    void singleThreadEqualsTwoThreads() {
        float[] images = FunctionalCapsNet.images(data, 0, 4);
        ForwardResult one = FunctionalCapsNet.of(fashionWeights, TileShape.wmma16x16x16(), 1)
                .forward(images, 4, Mode.ELIMINATED);
        ForwardResult two = FunctionalCapsNet.of(fashionWeights, TileShape.wmma16x16x16(), 2)
                .forward(images, 4, Mode.ELIMINATED);
        assertEquals(0.0, one.maxAbsDifference(two));
        assertEquals(one.executedMacs(), two.executedMacs());
    }

    @Test
    void seededWeightsRepeat() {
        float[][] a = CapsNetWeights.seeded(CapsNetSpec.mnist(), 3).arrays();
        float[][] b = CapsNetWeights.seeded(CapsNetSpec.mnist(), 3).arrays();
        assertArrayEquals(a[0], b[0]);
        assertArrayEquals(a[4], b[4]);
    }

    @Test
    void badInputsRejected() {
        FunctionalCapsNet net = FunctionalCapsNet.of(fashionWeights, TileShape.wmma16x16x16());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.forward(new float[783], 1, Mode.PADDED));
        assertTrue(e.getMessage().contains("783"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.forward(new float[0], 0, Mode.PADDED));
        assertTrue(e.getMessage().contains("batch = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FunctionalCapsNet.images(data, 9_990, 20));
        assertTrue(e.getMessage().contains("10009"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> FunctionalCapsNet.of(fashionWeights, TileShape.wmma16x16x16(), 0));
        assertTrue(e.getMessage().contains("threads = 0"), e.getMessage());
    }

    /** A direct, loop-by-loop forward pass in double precision, independent of the tiled kernel. */
    private static final class Reference {

        static double[][] forward(CapsNetSpec s, CapsNetWeights w, float[] images, int batch) {
            int k = s.kernel();
            int c = s.channels();
            int f = s.conv1Filters();
            int g1 = s.conv1Height();
            int g2 = s.primaryHeight();
            int t = s.primaryTypes();
            int dIn = s.primaryDim();
            int nIn = s.inputCapsules();
            int classes = s.classes();
            int dOut = s.digitDim();
            double[] capsulesOut = new double[batch * classes * dOut];
            double[] recon = new double[batch * s.inputSize()];
            for (int b = 0; b < batch; b++) {
                double[][][] conv1 = new double[g1][g1][f];
                for (int y = 0; y < g1; y++) {
                    for (int x = 0; x < g1; x++) {
                        for (int o = 0; o < f; o++) {
                            double sum = w.conv1Bias[o];
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    for (int ch = 0; ch < c; ch++) {
                                        double px = images[b * s.inputSize() + ((y + ky) * s.width() + x + kx) * c + ch];
                                        sum += px * w.conv1[((ky * k + kx) * c + ch) * f + o];
                                    }
                                }
                            }
                            conv1[y][x][o] = Math.max(0, sum);
                        }
                    }
                }
                double[][] u = new double[nIn][dIn];
                for (int y = 0; y < g2; y++) {
                    for (int x = 0; x < g2; x++) {
                        for (int type = 0; type < t; type++) {
                            for (int e = 0; e < dIn; e++) {
                                int out = type * dIn + e;
                                double sum = w.primaryBias[out];
                                for (int ky = 0; ky < k; ky++) {
                                    for (int kx = 0; kx < k; kx++) {
                                        for (int in = 0; in < f; in++) {
                                            sum += conv1[2 * y + ky][2 * x + kx][in]
                                                    * w.primary[((ky * k + kx) * f + in) * s.primaryChannels() + out];
                                        }
                                    }
                                }
                                u[(y * g2 + x) * t + type][e] = sum;
                            }
                        }
                    }
                }
                for (double[] capsule : u) {
                    squash(capsule);
                }
                double[][][] uHat = new double[nIn][classes][dOut];
                for (int i = 0; i < nIn; i++) {
                    for (int j = 0; j < classes; j++) {
                        for (int d = 0; d < dOut; d++) {
                            for (int e = 0; e < dIn; e++) {
                                uHat[i][j][d] += w.digit[((i * classes + j) * dOut + d) * dIn + e] * u[i][e];
                            }
                        }
                    }
                }
                double[][] logits = new double[nIn][classes];
                double[][] v = new double[classes][dOut];
                for (int it = 0; it < s.routingIterations(); it++) {
                    double[][] coupling = new double[nIn][classes];
                    for (int i = 0; i < nIn; i++) {
                        double total = 0;
                        for (int j = 0; j < classes; j++) {
                            coupling[i][j] = Math.exp(logits[i][j]);
                            total += coupling[i][j];
                        }
                        for (int j = 0; j < classes; j++) {
                            coupling[i][j] /= total;
                        }
                    }
                    for (int j = 0; j < classes; j++) {
                        double[] sj = new double[dOut];
                        for (int i = 0; i < nIn; i++) {
                            for (int d = 0; d < dOut; d++) {
                                sj[d] += coupling[i][j] * uHat[i][j][d];
                            }
                        }
                        squash(sj);
                        v[j] = sj;
                    }
                    if (it < s.routingIterations() - 1) {
                        for (int i = 0; i < nIn; i++) {
                            for (int j = 0; j < classes; j++) {
                                for (int d = 0; d < dOut; d++) {
                                    logits[i][j] += uHat[i][j][d] * v[j][d];
                                }
                            }
                        }
                    }
                }
                int best = 0;
                double bestLength = -1;
                for (int j = 0; j < classes; j++) {
                    double len = 0;
                    for (int d = 0; d < dOut; d++) {
                        len += v[j][d] * v[j][d];
                        capsulesOut[(b * classes + j) * dOut + d] = v[j][d];
                    }
                    if (len > bestLength) {
                        bestLength = len;
                        best = j;
                    }
                }
                double[] masked = new double[classes * dOut];
                System.arraycopy(v[best], 0, masked, best * dOut, dOut);
                double[] h1 = dense(masked, w.fc1, w.fc1Bias, CapsNetSpec.DECODER_HIDDEN1, true);
                double[] h2 = dense(h1, w.fc2, w.fc2Bias, CapsNetSpec.DECODER_HIDDEN2, true);
                double[] out = dense(h2, w.fc3, w.fc3Bias, s.inputSize(), false);
                System.arraycopy(out, 0, recon, b * s.inputSize(), out.length);
            }
            return new double[][] {capsulesOut, recon};
        }

        static double[] dense(double[] in, float[] weights, float[] bias, int outputs, boolean relu) {
            double[] out = new double[outputs];
            for (int o = 0; o < outputs; o++) {
                double sum = bias[o];
                for (int i = 0; i < in.length; i++) {
                    sum += in[i] * weights[i * outputs + o];
                }
                out[o] = relu ? Math.max(0, sum) : 1 / (1 + Math.exp(-sum));
            }
            return out;
        }

        static void squash(double[] s) {
            double sq = 0;
            for (double x : s) {
                sq += x * x;
            }
            double scale = sq / (1 + sq) / Math.sqrt(sq + 1e-7);
            for (int i = 0; i < s.length; i++) {
                s[i] *= scale;
            }
        }
    }
}
