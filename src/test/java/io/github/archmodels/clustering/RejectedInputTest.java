package io.github.archmodels.clustering;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.archmodels.clustering.autograd.Tape;
import io.github.archmodels.clustering.autograd.Tensor;
import java.util.List;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.Test;

/** Every rejected input names the offending value in its message. */
class RejectedInputTest {

    private static void assertRejected(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "'" + fragment + "' missing in: " + e.getMessage());
        }
    }

    @Test
    void palettizedSizeOfNoTensors() {
        assertRejected(() -> PalettizedSize.of(List.of(), PalettizedSize.allMatrices(3), Dtype.BF16),
                "tensors is empty");
    }

    @Test
    void tensorShapeMismatch() {
        assertRejected(() -> Tensor.of(new float[6], 4, 2, Dtype.FP32, false), "4 x 2", "6 values");
    }

    @Test
    void matmulInnerDimensions() {
        Tensor a = Tensor.of(new float[6], 2, 3, Dtype.FP32, false);
        assertRejected(() -> new Tape().matmul(a, a), "2 x 3 times 2 x 3");
    }

    @Test
    void crossEntropyLabelOutOfRange() {
        Tensor logits = Tensor.of(new float[4], 2, 2, Dtype.FP32, true);
        assertRejected(() -> new Tape().crossEntropy(logits, new int[] {0, 5}), "label 5", "0..1");
    }

    @Test
    void initialCentroidCount() {
        assertRejected(() -> DkmLayer.of(DkmOptions.bits(2), new float[3]), "3 values", "need 4");
    }

    @Test
    void classifierAndOptimizer() {
        assertRejected(() -> MlpClassifier.create(0, 1), "hidden = 0");
        assertRejected(() -> new Adam(0), "learningRate = 0.0");
    }

    @Test
    void sizeModelInputs() {
        assertRejected(() -> new WeightTensor("fc", WeightTensor.Kind.LINEAR, 0, 4, 1), "rows = 0");
        assertRejected(() -> PaletteSpec.perTensor(3).withGroupSize(-1), "groupSize = -1");
        WeightTensor t = new WeightTensor("fc", WeightTensor.Kind.LINEAR, 3, 3, 1);
        assertRejected(() -> PalettizedSize.of(List.of(t), x -> PaletteSpec.perTensor(2).withClusterDim(2),
                Dtype.BF16), "clusterDim = 2", "9 weights");
        assertRejected(() -> DkmMemoryModel.distinctValues(Dtype.FP32, 0, 1), "FP32");
    }
}
