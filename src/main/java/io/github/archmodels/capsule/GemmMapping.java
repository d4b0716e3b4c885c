package io.github.archmodels.capsule;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Maps every layer and routing step of a {@link CapsNetSpec} to the GEMMs a GPU issues for a batch.
 *
 * <p>With batch {@code B}:
 * <ul>
 *   <li>Conv1 as im2col: {@code M = F, N = g1h g1w B, K = k^2 C}, once.
 *   <li>PrimaryCaps as im2col: {@code M = T dIn, N = g2h g2w B, K = k^2 F}, once.
 *   <li>Prediction, one GEMM per input capsule i (all classes at once):
 *       {@code M = J dOut, N = B, K = dIn}, {@code nIn} times.
 *   <li>Routing weighted sum {@code s_j = sum_i c_ij u_hat(j|i)}, one matrix-vector product per
 *       image and class: {@code M = dOut, N = 1, K = nIn}, {@code r B J} times.
 *   <li>Agreement {@code u_hat(j|i) . v_j} for all i: {@code M = nIn, N = 1, K = dOut},
 *       {@code (r - 1) B J} times.
 *   <li>Decoder layers: {@code M = out, N = B, K = in}, once each; the first has {@code K = J dOut}
 *       of which only {@code dOut} inputs are non-zero after masking.
 * </ul>
 * Softmax and squash are element-wise and not GEMMs; {@link EnergyModel} prices them separately.
 */
public final class GemmMapping {

    private GemmMapping() {
    }

    /** Returns the GEMMs of one forward pass over {@code batch} images, in layer order. */
    public static List<Gemm> of(CapsNetSpec spec, int batch) {
        if (batch <= 0) {
            throw new IllegalArgumentException("batch = " + batch + " is invalid; it must be a positive integer");
        }
        long b = batch;
        long k2 = (long) spec.kernel() * spec.kernel();
        long nIn = spec.inputCapsules();
        long classWidth = (long) spec.classes() * spec.digitDim();
        int r = spec.routingIterations();
        List<Gemm> out = new ArrayList<>();
        out.add(new Gemm("conv1", spec.conv1Filters(), (long) spec.conv1Height() * spec.conv1Width() * b,
                k2 * spec.channels(), 1));
        out.add(new Gemm("primary-caps", spec.primaryChannels(),
                (long) spec.primaryHeight() * spec.primaryWidth() * b, k2 * spec.conv1Filters(), 1));
        out.add(new Gemm("prediction", classWidth, b, spec.primaryDim(), nIn));
        out.add(new Gemm("routing-sum", spec.digitDim(), 1, nIn, r * b * spec.classes()));
        if (r > 1) {
            out.add(new Gemm("agreement", nIn, 1, spec.digitDim(), (r - 1) * b * spec.classes()));
        }
        out.add(new Gemm("decoder-fc1", CapsNetSpec.DECODER_HIDDEN1, b, classWidth, 1));
        out.add(new Gemm("decoder-fc2", CapsNetSpec.DECODER_HIDDEN2, b, CapsNetSpec.DECODER_HIDDEN1, 1));
        out.add(new Gemm("decoder-fc3", spec.inputSize(), b, CapsNetSpec.DECODER_HIDDEN2, 1));
        return List.copyOf(out);
    }

    /** Returns one row per GEMM: {@code layer, m, n, k, count, useful_macs}. */
    public static Table toTable(List<Gemm> gemms) {
        Table t = Table.create("GEMM mapping", StringColumn.create("layer"), LongColumn.create("m"),
                LongColumn.create("n"), LongColumn.create("k"), LongColumn.create("count"),
                LongColumn.create("useful_macs"));
        for (Gemm g : gemms) {
            t.stringColumn("layer").append(g.layer());
            t.longColumn("m").append(g.m());
            t.longColumn("n").append(g.n());
            t.longColumn("k").append(g.k());
            t.longColumn("count").append(g.count());
            t.longColumn("useful_macs").append(g.usefulMacs());
        }
        return t;
    }
}
