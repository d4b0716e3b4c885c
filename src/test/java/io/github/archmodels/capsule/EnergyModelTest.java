package io.github.archmodels.capsule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A hand-worked case: a 5 x 5 x 1 input, 2 Conv1 filters of 3 x 3, one primary capsule type of
 * dimension 2, 2 classes of dimension 2, r = 2, batch 1, on a 4 x 4 x 4 tile and a GPU doing 64 FMA
 * per clock at 1 GHz with 10 W static power. Energies: FMA 1 pJ, SRAM 0.5 pJ/B at 2 B/element,
 * zero detection 2 pJ per MMA, special function 10 pJ.
 */
class EnergyModelTest {

    private static final CapsNetSpec TINY = new CapsNetSpec("tiny", 5, 5, 1, 2, 3, 1, 2, 2, 2, 2);
    private static final TileShape TILE = new TileShape("m4n4k4", 4, 4, 4, "f16");
    private static final Gpu GPU = new Gpu("toy", 1, 1, 64, 1e9, 10);
    private static final EnergyCosts COSTS = new EnergyCosts(1e-12, 0.5e-12, 2, 2e-12, 10e-12);
    private static final EnergyModel MODEL = new EnergyModel(GPU, TILE, COSTS);

    @Test
    void tinyShapes() {
        // g1 = 5 - 3 + 1 = 3, g2 = (3 - 3) / 2 + 1 = 1, nIn = 1.
        assertEquals(1, TINY.inputCapsules());
        TileMapping m = TileMapping.of(TINY, 1, TILE);
        // Conv1 (M, N, K) = (2, 9, 9): 162 useful, padded 4 * 12 * 12 = 576.
        assertEquals(162, m.layer("conv1").usefulMacs());
        assertEquals(576, m.layer("conv1").issuedSlots());
        // Prediction (4, 1, 2): 8 useful, one 64-slot MMA.
        assertEquals(64, m.layer("prediction").issuedSlots());
        // Routing sum (2, 1, 1) x r B J = 4: 8 useful, 4 MMAs, 256 slots.
        assertEquals(256, m.layer("routing-sum").issuedSlots());
        // Decoder-fc2 (1024, 1, 512): 524,288 useful, padded 1024 * 4 * 512 = 2,097,152.
        assertEquals(2_097_152, m.layer("decoder-fc2").issuedSlots());
    }

    @Test
    void predictionLayerByHand() {
        LayerEnergy base = MODEL.evaluate(TINY, 1, Execution.BASELINE).layer("prediction");
        // 64 slots / 64 FMA per clock = 1 cycle = 1 ns.
        assertEquals(1.0, base.cycles(), 1e-12);
        assertEquals(1e-9, base.seconds(), 1e-21);
        // Compute 64 * 1 pJ; operands (4*2 + 2*1 + 4*1) = 14 elements * 2 B * 0.5 pJ = 14 pJ;
        // static 10 W * 1 ns = 10 nJ. Total 64 + 14 + 10,000 pJ.
        assertEquals(64e-12, base.computeJoules(), 1e-24);
        assertEquals(14e-12, base.memoryJoules(), 1e-24);
        assertEquals(10_078e-12, base.totalJoules(), 1e-22);

        LayerEnergy packed = MODEL.evaluate(TINY, 1, Execution.PACKED).layer("prediction");
        // 8 useful MACs still need one 64-slot tile: 1 cycle. Compute 8 pJ, detection 1 MMA * 2 pJ.
        assertEquals(1.0, packed.cycles(), 1e-12);
        assertEquals(8e-12, packed.computeJoules(), 1e-24);
        assertEquals(2e-12, packed.detectJoules(), 1e-24);
        assertEquals(10_024e-12, packed.totalJoules(), 1e-22);
    }

    @Test
    void routingSumByHand() {
        LayerEnergy base = MODEL.evaluate(TINY, 1, Execution.BASELINE).layer("routing-sum");
        // 256 slots = 4 cycles. Operands (2*1 + 1*1 + 2*1) * 4 = 20 elements = 20 pJ. Special:
        // softmax r nIn J = 4 plus squash r J dOut = 8, 12 * 10 pJ = 120 pJ. Static 40 nJ.
        assertEquals(4.0, base.cycles(), 1e-12);
        assertEquals(20e-12, base.memoryJoules(), 1e-24);
        assertEquals(120e-12, base.specialFunctionJoules(), 1e-24);
        assertEquals((256 + 20 + 120 + 40_000) * 1e-12, base.totalJoules(), 1e-22);

        LayerEnergy gated = MODEL.evaluate(TINY, 1, Execution.GATED).layer("routing-sum");
        // Time unchanged; compute 8 pJ; detection 4 MMAs * 2 pJ.
        assertEquals(4.0, gated.cycles(), 1e-12);
        assertEquals((8 + 8 + 20 + 120 + 40_000) * 1e-12, gated.totalJoules(), 1e-22);

        LayerEnergy packed = MODEL.evaluate(TINY, 1, Execution.PACKED).layer("routing-sum");
        // The 8 useful MACs fit one 64-slot tile: 1 cycle, static 10 nJ.
        assertEquals(1.0, packed.cycles(), 1e-12);
        assertEquals((8 + 8 + 20 + 120 + 10_000) * 1e-12, packed.totalJoules(), 1e-22);
    }

    @Test
    void gatedKeepsTimePackedShortensIt() {
        for (CapsNetSpec spec : CapsNetSpec.presets()) {
            EnergyModel model = EnergyModel.of(Gpu.v100());
            EnergyReport base = model.evaluate(spec, 64, Execution.BASELINE);
            EnergyReport gated = model.evaluate(spec, 64, Execution.GATED);
            EnergyReport packed = model.evaluate(spec, 64, Execution.PACKED);
            assertEquals(base.totalSeconds(), gated.totalSeconds(), 0.0, spec.name());
            assertTrue(packed.totalSeconds() < gated.totalSeconds(), spec.name());
            assertTrue(gated.totalJoules() < base.totalJoules(), spec.name());
            assertTrue(packed.totalJoules() < gated.totalJoules(), spec.name());
        }
    }

    @Test
    void packedTimeOfMnistByHand() {
        // Fashion-MNIST, batch 64, m16n16k16, V100 (40,960 FMA per clock). Issued slots per layer
        // (see TileMappingTest): conv1 256 * 25,600 * 96 = 629,145,600; primary 12,230,590,464;
        // prediction 188,743,680; routing sum 566,231,040; agreement 377,487,360; decoder
        // 5,242,880 + 33,554,432 + 51,380,224. Sum 14,082,375,680 slots, / 40,960 = 343,808.0
        // cycles (rounded to 1e-6 relative below).
        EnergyReport base = EnergyModel.of(Gpu.v100()).evaluate(CapsNetSpec.fashionMnist(), 64, Execution.BASELINE);
        assertEquals(14_082_375_680.0 / 40_960, base.totalCycles(), 1e-6 * base.totalCycles());
        // Packed: useful MACs rounded up to 4096-slot tiles per layer; useful total is
        // 64 * 203,202,560 = 13,004,963,840 (the per-image MACs of CapsNetSpecTest summed), and rounding adds
        // less than 8 * 4096 slots.
        EnergyReport packed = EnergyModel.of(Gpu.v100()).evaluate(CapsNetSpec.fashionMnist(), 64, Execution.PACKED);
        double usefulCycles = 13_004_963_840.0 / 40_960;
        assertTrue(packed.totalCycles() >= usefulCycles);
        assertTrue(packed.totalCycles() < usefulCycles + 8 * 4096 / 40_960.0);
    }

    @Test
    void savedAndGainAreTwoViews() {
        EnergyComparison c = EnergyModel.of(Gpu.a100()).compare(CapsNetSpec.svhn(), 64, Execution.BASELINE,
                Execution.PACKED);
        double s = c.energySaved();
        assertEquals(1 / (1 - s) - 1, c.efficiencyGain(), 1e-12);
        assertTrue(c.efficiencyGain() > c.energySaved());
    }

    @Test
    void zeroSkippingUsesFractions() {
        ZeroFractions half = ZeroFractions.none().with("primary-caps", 0.5);
        LayerEnergy l = MODEL.evaluate(TINY, 1, Execution.ZERO_SKIPPING, half).layer("primary-caps");
        // Primary (2, 1, 18): 36 useful MACs, half skipped = 18 pJ.
        assertEquals(18e-12, l.computeJoules(), 1e-24);
        assertEquals(18, l.executedMacs());
    }

    @Test
    void structuralZerosAreTheDecoderMask() {
        assertEquals(0.9, ZeroFractions.structural(CapsNetSpec.mnist()).of("decoder-fc1"), 1e-15);
        assertEquals(0.8, ZeroFractions.structural(CapsNetSpec.smallNorb()).of("decoder-fc1"), 1e-15);
    }

    @Test
    void gpuRates() {
        // 80 * 8 * 64, 108 * 4 * 256, 132 * 4 * 512.
        assertEquals(40_960, Gpu.v100().fmaPerClock());
        assertEquals(110_592, Gpu.a100().fmaPerClock());
        assertEquals(270_336, Gpu.h100().fmaPerClock());
        // H100 dense FP16: 270,336 FMA * 2 FLOP * 1.83 GHz = 989.4 TFLOPS.
        assertEquals(989.4e12, 2 * Gpu.h100().fmaPerClock() * Gpu.h100().clockHertz(), 0.1e12);
    }

    @Test
    void badInputsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EnergyCosts.horowitz45nm().withFmaJoules(-1));
        assertTrue(e.getMessage().contains("fmaJoules = -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Gpu.a100().withClockHertz(0));
        assertTrue(e.getMessage().contains("clockHertz = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Gpu.byName("MI300"));
        assertTrue(e.getMessage().contains("MI300"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ZeroFractions.none().with("conv1", 1.5));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ZeroFractions.none().with("pooling", 0.1));
        assertTrue(e.getMessage().contains("pooling"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EnergyComparison(
                MODEL.evaluate(TINY, 1, Execution.BASELINE), MODEL.evaluate(TINY, 2, Execution.PACKED)));
        assertTrue(e.getMessage().contains("batch 2"), e.getMessage());
    }

    @Test
    void sweepsHaveOneRowPerSetting() {
        EnergyModel model = EnergyModel.of(Gpu.a100());
        assertEquals(3, Sweeps.batchSize(model, CapsNetSpec.mnist(), new int[] {1, 16, 64}, Execution.BASELINE,
                Execution.PACKED).rowCount());
        assertEquals(7, Sweeps.tileShape(model, CapsNetSpec.mnist(), 64, TileShape.presets(), Execution.BASELINE,
                Execution.GATED).rowCount());
        assertEquals(3, Sweeps.gpu(model, CapsNetSpec.mnist(), 64, Gpu.presets(), Execution.BASELINE,
                Execution.PACKED).rowCount());
        // d_in = 16 fills k = 16: the prediction layer is then unpadded.
        var dims = Sweeps.primaryDim(model, CapsNetSpec.mnist(), 64, new int[] {8, 16}, Execution.BASELINE,
                Execution.PACKED);
        assertTrue(dims.doubleColumn("utilization").get(1) > dims.doubleColumn("utilization").get(0));
    }
}
