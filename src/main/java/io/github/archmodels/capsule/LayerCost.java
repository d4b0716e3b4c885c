package io.github.archmodels.capsule;

/**
 * Work and size of one CapsNet layer for one image.
 *
 * @param layer layer name, one of {@link CapsNetSpec#LAYERS}
 * @param macs multiply-accumulates per image
 * @param parameters trainable weights and biases (0 for routing steps)
 */
public record LayerCost(String layer, long macs, long parameters) {
}
