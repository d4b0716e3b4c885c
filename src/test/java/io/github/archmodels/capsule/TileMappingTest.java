package io.github.archmodels.capsule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TileMappingTest {

    @Test
    void paddingOfHandShapes() {
        TileShape t = TileShape.wmma16x16x16();
        // (M, N, K) = (16, 1, 1152): 16 * 16 * 1152 slots for 16 * 1152 useful MACs, U = 1/16.
        Gemm routing = new Gemm("routing-sum", 16, 1, 1152, 1);
        assertEquals(16L * 16 * 1152, t.issuedSlots(routing));
        assertEquals(0.0625, t.utilization(routing), 1e-15);
        // (160, 64, 8): K pads to 16, U = 8 / 16.
        assertEquals(0.5, t.utilization(new Gemm("prediction", 160, 64, 8, 1152)), 1e-15);
        // (256, 400, 81): K pads to 96, N = 400 is 25 tiles, U = 81 / 96 = 0.84375.
        assertEquals(0.84375, t.utilization(new Gemm("conv1", 256, 400, 81, 1)), 1e-15);
        // (5, 3, 7) on m16n16k16: 35 * 3 = 105 useful of 4096, one MMA.
        Gemm odd = new Gemm("x", 5, 3, 7, 2);
        assertEquals(2, t.mmaCount(odd));
        assertEquals(210.0 / 8192, t.utilization(odd), 1e-15);
    }

    @Test
    void narrowTilesHelpMatrixVector() {
        Gemm sum = new Gemm("routing-sum", 16, 1, 1152, 1);
        // m16n8k16: N = 1 pads to 8, U = 1/8.
        assertEquals(0.125, TileShape.mma16x8x16().utilization(sum), 1e-15);
        // Agreement (1152, 1, 16) on m32n8k16: M = 1152 = 36 * 32, N pads to 8, U = 1/8.
        assertEquals(0.125, TileShape.wmma32x8x16().utilization(new Gemm("agreement", 1152, 1, 16, 1)), 1e-15);
        // m8n8k4: prediction K = 8 = 2 * 4 fills k; U = 1 at B = 64.
        assertEquals(1.0, TileShape.mma8x8x4().utilization(new Gemm("prediction", 160, 64, 8, 1)), 1e-15);
    }

    @Test
    void mappingOfMnistBatch64() {
        TileMapping m = TileMapping.of(CapsNetSpec.mnist(), 64, TileShape.wmma16x16x16());
        assertEquals(0.5, m.layer("prediction").utilization(), 1e-15);
        assertEquals(0.0625, m.layer("routing-sum").utilization(), 1e-15);
        assertEquals(0.0625, m.layer("agreement").utilization(), 1e-15);
        assertEquals(0.9375, m.layer("agreement").ineffectualFraction(), 1e-15);
        // Decoder-fc3: M = 784 = 49 * 16, N = 64, K = 1024: no padding.
        assertEquals(1.0, m.layer("decoder-fc3").utilization(), 1e-15);
        // Useful MACs of the mapping equal 64 times the per-image MACs of the spec.
        assertEquals(64 * CapsNetSpec.mnist().totalMacs(), m.usefulMacs());
    }

    @Test
    void batchOfOnePadsN() {
        TileMapping m = TileMapping.of(CapsNetSpec.mnist(), 1, TileShape.wmma16x16x16());
        // Prediction (160, 1, 8): N pads to 16, K to 16, U = 8 / 256.
        assertEquals(1.0 / 32, m.layer("prediction").utilization(), 1e-15);
    }

    @Test
    void gemmCountsPerRoutingStep() {
        List<Gemm> g = GemmMapping.of(CapsNetSpec.mnist(), 4);
        Gemm sum = g.stream().filter(x -> x.layer().equals("routing-sum")).findFirst().orElseThrow();
        // r * B * J = 3 * 4 * 10.
        assertEquals(120, sum.count());
        Gemm agree = g.stream().filter(x -> x.layer().equals("agreement")).findFirst().orElseThrow();
        assertEquals(80, agree.count());
        assertTrue(GemmMapping.of(CapsNetSpec.mnist().withRoutingIterations(1), 4).stream()
                .noneMatch(x -> x.layer().equals("agreement")));
    }

    @Test
    void badInputsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GemmMapping.of(CapsNetSpec.mnist(), 0));
        assertTrue(e.getMessage().contains("batch = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TileShape.byName("m64n64k64"));
        assertTrue(e.getMessage().contains("m64n64k64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TileShape("bad", 16, 0, 16, "f16"));
        assertTrue(e.getMessage().contains("m16n0k16"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Gemm("x", 1, -1, 1, 1));
        assertTrue(e.getMessage().contains("N = -1"), e.getMessage());
    }

    @Test
    void presetsByName() {
        assertEquals(7, TileShape.presets().size());
        assertEquals(TileShape.mma16x8x8(), TileShape.byName("M16N8K8"));
    }
}
