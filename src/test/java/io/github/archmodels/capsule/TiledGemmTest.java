package io.github.archmodels.capsule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.archmodels.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins the register-tiled kernel ({@link TiledGemm#multiplyRows}) to the row-at-a-time kernel it
 * replaced on the convolution and decoder layers ({@link TiledGemm#multiply}) and to a plain
 * triple loop in double precision, on 9x9 patches of real Fashion-MNIST images.
 */
class TiledGemmTest {

    private static final int KERNEL = 9;
    private static final int DEPTH = KERNEL * KERNEL;
    private static float[] patches;
    private static int patchRows;

    @BeforeAll
    static void load() throws IOException {
        FashionMnist data = FashionMnist.shippedTestSplit(Path.of("data"));
        float[] images = FunctionalCapsNet.images(data, 0, 2);
        // Every 9x9 window at stride 3 of two 28x28 images: 2 x 7 x 7 = 98 rows of 81 pixels, an even
        // count; the tests also use an odd prefix of 37 rows so the single-row tail runs.
        int side = 28;
        int steps = (side - KERNEL) / 3 + 1;
        patchRows = 2 * steps * steps;
        patches = new float[patchRows * DEPTH];
        int row = 0;
        for (int b = 0; b < 2; b++) {
            for (int oy = 0; oy < steps; oy++) {
                for (int ox = 0; ox < steps; ox++) {
                    for (int ky = 0; ky < KERNEL; ky++) {
                        for (int kx = 0; kx < KERNEL; kx++) {
                            patches[row * DEPTH + ky * KERNEL + kx] =
                                    images[b * side * side + (oy * 3 + ky) * side + ox * 3 + kx];
                        }
                    }
                    row++;
                }
            }
        }
    }

    /** Weights with zero padding to the tile's multiples, as FunctionalCapsNet lays them out. */
    private static float[] weights(int k, int n, TileShape tile, long seed) {
        int rows = TiledGemm.roundUp(k, tile.k());
        int columns = TiledGemm.roundUp(n, tile.m());
        float[] w = new float[rows * columns];
        SplittableRandom random = new SplittableRandom(seed);
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < n; c++) {
                w[r * columns + c] = (float) (random.nextDouble() - 0.5);
            }
        }
        return w;
    }

    @Test
    void rowKernelMatchesFlatKernelBits() {
        for (TileShape tile : List.of(TileShape.wmma16x16x16(), TileShape.mma8x8x4(), TileShape.wmma32x8x16())) {
            for (int rows : new int[] {patchRows, 37, 1}) {
                for (boolean eliminate : new boolean[] {true, false}) {
                    int n = 50;
                    float[] w = weights(DEPTH, n, tile, 3);
                    int columns = TiledGemm.roundUp(n, tile.m());
                    int paddedRows = TiledGemm.roundUp(rows, tile.n());
                    float[] flat = new float[paddedRows * columns];
                    long flatZeros = TiledGemm.multiply(patches, 0, DEPTH, rows, DEPTH, w, 0, columns, n, flat,
                            tile.n(), tile.k(), tile.m(), eliminate);
                    float[][] acc = new float[paddedRows][columns];
                    long rowZeros = TiledGemm.multiplyRows(patches, 0, DEPTH, rows, DEPTH,
                            TiledGemm.rows(w, TiledGemm.roundUp(DEPTH, tile.k()), columns), n, acc,
                            tile.n(), tile.k(), tile.m(), eliminate);
                    String label = tile.name() + " rows " + rows + (eliminate ? " eliminated" : " padded");
                    assertEquals(flatZeros, rowZeros, label);
                    for (int r = 0; r < paddedRows; r++) {
                        for (int c = 0; c < columns; c++) {
                            // Same terms in the same order: equal bits, up to the sign of a zero.
                            assertEquals(flat[r * columns + c], acc[r][c], 0.0f, label + " (" + r + ", " + c + ")");
                        }
                    }
                }
            }
        }
    }

    @Test
    void rowKernelMatchesAPlainTripleLoop() {
        TileShape tile = TileShape.wmma16x16x16();
        int n = 256;
        float[] w = weights(DEPTH, n, tile, 9);
        int columns = TiledGemm.roundUp(n, tile.m());
        float[][] wRows = TiledGemm.rows(w, TiledGemm.roundUp(DEPTH, tile.k()), columns);
        int rows = patchRows;
        long zeroActivations = 0;
        for (int i = 0; i < rows * DEPTH; i++) {
            zeroActivations += patches[i] == 0f ? 1 : 0;
        }
        // Fashion-MNIST's black background: a good share of the patch pixels is zero.
        assertTrue(zeroActivations > rows * DEPTH / 10, "zero pixels " + zeroActivations);
        for (boolean eliminate : new boolean[] {true, false}) {
            float[][] acc = new float[TiledGemm.roundUp(rows, tile.n())][columns];
            long zeroMacs = TiledGemm.multiplyRows(patches, 0, DEPTH, rows, DEPTH, wRows, n, acc, tile.n(), tile.k(),
                    tile.m(), eliminate);
            assertEquals(zeroActivations * n, zeroMacs);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < n; c++) {
                    double expected = 0;
                    for (int kk = 0; kk < DEPTH; kk++) {
                        expected += (double) patches[r * DEPTH + kk] * w[kk * columns + c];
                    }
                    assertEquals(expected, acc[r][c], 1e-5, "(" + r + ", " + c + ")");
                }
            }
        }
    }

    @Test
    void paddedEqualsEliminatedRowKernel() {
        TileShape tile = TileShape.wmma32x8x16();
        int rows = 37;
        int n = 20;
        float[] w = weights(DEPTH, n, tile, 4);
        int columns = TiledGemm.roundUp(n, tile.m());
        float[][] wRows = TiledGemm.rows(w, TiledGemm.roundUp(DEPTH, tile.k()), columns);
        int paddedRows = TiledGemm.roundUp(rows, tile.n());
        float[][] padded = new float[paddedRows][columns];
        float[][] eliminated = new float[paddedRows][columns];
        for (float[] row : eliminated) {
            java.util.Arrays.fill(row, Float.NaN);
        }
        TiledGemm.multiplyRows(patches, 0, DEPTH, rows, DEPTH, wRows, n, padded, tile.n(), tile.k(), tile.m(), false);
        TiledGemm.multiplyRows(patches, 0, DEPTH, rows, DEPTH, wRows, n, eliminated, tile.n(), tile.k(), tile.m(),
                true);
        for (int r = 0; r < paddedRows; r++) {
            for (int c = 0; c < columns; c++) {
                assertEquals(padded[r][c], eliminated[r][c], 0.0f, "(" + r + ", " + c + ")");
                if (r >= rows || c >= n) {
                    assertEquals(0.0f, eliminated[r][c], 0.0f, "padding (" + r + ", " + c + ")");
                }
            }
        }
    }
}
