package io.github.archmodels.clustering;

import io.github.archmodels.notebook.HtmlSummary;
/**
 * Result of {@link Dkm#fit}.
 *
 * @param options the options used
 * @param centroids k x d centroids after the last update, row-major
 * @param attention R x k attention map of the last iteration, row-major
 * @param clusteredWeights soft-clustered weights {@code A C}, in the input layout
 * @param iterations DKM iterations run
 * @param palette hard export with the final centroids
 */
public record DkmResult(DkmOptions options, float[] centroids, float[] attention,
        float[] clusteredWeights, int iterations, Palette palette) implements HtmlSummary {

    @Override
    public String toString() {
        return String.format("DKM: %d clusters over %d-vectors, %d iterations, %.3g bits/weight; %s",
                options.clusters(), options.clusterDim(), iterations, options.bitsPerWeight(), palette);
    }
}
