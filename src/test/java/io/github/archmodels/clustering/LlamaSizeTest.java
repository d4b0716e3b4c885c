package io.github.archmodels.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.archmodels.clustering.autograd.StorePolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlamaSizeTest {

    @Test
    void llama7bParameterCount() {
        // Per layer: 4 x 4,096^2 + 3 x 11,008 x 4,096 = 67,108,864 + 135,266,304 = 202,375,168 linear
        // weights plus 2 x 4,096 norm gains; 32 layers; embedding and head 32,000 x 4,096 =
        // 131,072,000 each; final norm 4,096.
        // 32 x (202,375,168 + 8,192) + 2 x 131,072,000 + 4,096 = 6,738,415,616.
        LlamaShapes llama = LlamaShapes.llama7b();
        assertEquals(202_375_168L, llama.decoderLinearWeights());
        assertEquals(6_738_415_616L, llama.parameterCount());
    }

    @Test
    void bf16SizeIsTwoBytesPerWeight() {
        LlamaShapes llama = LlamaShapes.llama7b();
        PalettizedSize bf16 = PalettizedSize.of(llama.tensors(), t -> null, Dtype.BF16);
        assertEquals(2 * 6_738_415_616L, bf16.totalBytes());
        // 13,476,831,232 / 2^30 = 12.55 GiB; Cho et al. (eDKM, 2024) report 12.6 GB.
        assertEquals(12.55, bf16.totalGiB(), 0.005);
    }

    @Test
    void threeBitSizeWithEveryMatrixPalettized() {
        // Matrices: 6,738,415,616 - 32 x 8,192 - 4,096 = 6,738,149,376 weights at 3 bits. Per tensor
        // ceil(N x 3 / 8) bytes; all tensor sizes are multiples of 8, so 3N / 8 exactly:
        // 2,526,806,016 bytes of indices. LUTs: (1 + 7 x 32 + 1) tensors x 8 entries x 2 bytes
        // = 226 x 16 = 3,616. Norms in bf16: (32 x 8,192 + 4,096) x 2 = 532,480.
        // Total 2,526,806,016 + 3,616 + 532,480 = 2,527,342,112 bytes.
        PalettizedSize size = PalettizedSize.of(LlamaShapes.llama7b().tensors(),
                PalettizedSize.allMatrices(3), Dtype.BF16);
        assertEquals(2_527_342_112L, size.totalBytes());
    }

    @Test
    void paletteSizeFormula() {
        // 100 x 30 weights, d = 2: 1,500 vectors x 4 bits = 750 bytes; 3 groups of 40 channels
        // (ceil(100 / 40)) x 16 entries x 2 values x 2 bytes = 192; scales 100 x 2 = 200.
        WeightTensor t = new WeightTensor("fc", WeightTensor.Kind.LINEAR, 100, 30, 1);
        PaletteSpec spec = PaletteSpec.perTensor(4).withClusterDim(2).withGroupSize(40)
                .withPerChannelScale(true);
        PalettizedSize size = PalettizedSize.of(List.of(t), x -> spec, Dtype.BF16);
        PalettizedSize.Row row = size.rows().get(0);
        assertEquals(750, row.indexBytes());
        assertEquals(192, row.lutBytes());
        assertEquals(200, row.scaleBytes());
        assertEquals(1142, size.totalBytes());
    }

    @Test
    void decoderLayerReductionNearAsymptote() {
        // Plain: per linear layer W (R x 2 bytes) plus 3 maps of R x 8 x 2 bytes = 50 R bytes.
        // eDKM, 8 learners, U = 5,632 (2-byte indices): W shard R/8 x 2 plus 3 x (R/8 x 2) = R bytes,
        // plus 3 x 5,632 x 16 bytes of tables per layer. So the ratio is just under 50.
        LlamaShapes llama = LlamaShapes.llama7b();
        DecoderLayerMemory m = new DecoderLayerMemory(llama, 3, Dtype.BF16, 3, 8, 5632, false);
        assertEquals(49.5, m.reductionVsPlain(), 0.1);
        // Copying every reference: W 6 times (12 R bytes) and the maps 7 times in all (112 R bytes).
        assertEquals(123, m.reductionVsEveryReference(), 1.0);
        assertEquals(m.heldBytes(StorePolicy.plain()),
                m.heldBytes(StorePolicy.plain().withOffload(true).withMarshal(true)));
    }

    @Test
    void rejectsBadShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LlamaShapes("x", 0, 1, 1, 1));
        assertTrue(e.getMessage().contains("dModel = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PaletteSpec.perTensor(9));
        assertTrue(e.getMessage().contains("bits = 9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DkmMemoryModel.of(10, 3, Dtype.BF16, 3, 3, 1));
        assertTrue(e.getMessage().contains("clusterDim = 3"), e.getMessage());
    }
}
