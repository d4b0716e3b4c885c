package io.github.archmodels.clustering;

import java.util.ArrayList;
import java.util.List;

/**
 * Weight shapes of a LLaMA-style decoder (Touvron et al., 2023). Each decoder layer has the attention
 * projections q, k, v, o (d_model x d_model), the SwiGLU gate and up projections (d_ff x d_model), the
 * down projection (d_model x d_ff) and two RMSNorm gains. The model adds a token embedding, an output
 * head (vocab x d_model) and a final norm.
 *
 * @param name model name
 * @param dModel hidden size
 * @param dFf feed-forward size
 * @param layers decoder layers
 * @param vocab vocabulary size
 */
public record LlamaShapes(String name, int dModel, int dFf, int layers, int vocab) {

    public LlamaShapes {
        if (dModel < 1 || dFf < 1 || layers < 1 || vocab < 1) {
            throw new IllegalArgumentException("dModel = " + dModel + ", dFf = " + dFf + ", layers = "
                    + layers + ", vocab = " + vocab + "; all must be at least 1");
        }
    }

    /** LLaMA-7B: d_model 4,096, d_ff 11,008, 32 layers, vocabulary 32,000; 6,738,415,616 weights. */
    public static LlamaShapes llama7b() {
        return new LlamaShapes("LLaMA-7B", 4096, 11008, 32, 32000);
    }

    /** Returns a copy with another number of layers. */
    public LlamaShapes withLayers(int n) {
        return new LlamaShapes(name, dModel, dFf, n, vocab);
    }

    /** Returns the seven linear layers of one decoder layer (count 1 each). */
    public List<WeightTensor> decoderLinears() {
        WeightTensor.Kind linear = WeightTensor.Kind.LINEAR;
        return List.of(
                new WeightTensor("q_proj", linear, dModel, dModel, 1),
                new WeightTensor("k_proj", linear, dModel, dModel, 1),
                new WeightTensor("v_proj", linear, dModel, dModel, 1),
                new WeightTensor("o_proj", linear, dModel, dModel, 1),
                new WeightTensor("gate_proj", linear, dFf, dModel, 1),
                new WeightTensor("up_proj", linear, dFf, dModel, 1),
                new WeightTensor("down_proj", linear, dModel, dFf, 1));
    }

    /** Returns every weight tensor of the model, with decoder tensors counted {@code layers} times. */
    public List<WeightTensor> tensors() {
        List<WeightTensor> out = new ArrayList<>();
        out.add(new WeightTensor("embed_tokens", WeightTensor.Kind.EMBEDDING, vocab, dModel, 1));
        for (WeightTensor t : decoderLinears()) {
            out.add(new WeightTensor(t.name(), t.kind(), t.rows(), t.cols(), layers));
        }
        out.add(new WeightTensor("decoder norms", WeightTensor.Kind.NORM, 1, dModel, 2L * layers));
        out.add(new WeightTensor("final norm", WeightTensor.Kind.NORM, 1, dModel, 1));
        out.add(new WeightTensor("lm_head", WeightTensor.Kind.LM_HEAD, vocab, dModel, 1));
        return out;
    }

    /** Returns the weights of the seven linear layers of one decoder layer. */
    public long decoderLinearWeights() {
        return decoderLinears().stream().mapToLong(WeightTensor::elements).sum();
    }

    /** Returns the total number of weights. */
    public long parameterCount() {
        return tensors().stream().mapToLong(WeightTensor::totalElements).sum();
    }

    @Override
    public String toString() {
        return String.format("%s: %d layers, d_model %d, d_ff %d, vocab %d, %,d weights", name, layers,
                dModel, dFf, vocab, parameterCount());
    }
}
