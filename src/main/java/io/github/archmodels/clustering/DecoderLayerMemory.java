package io.github.archmodels.clustering;

import io.github.archmodels.notebook.TableSummary;
import io.github.archmodels.clustering.autograd.StorePolicy;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Train-time saved-tensor bytes of DKM on every linear layer of one decoder layer, summed over the
 * layers, along the technique ladder of {@link DkmMemoryModel#ladder}. Each layer is modelled with
 * {@link DkmMemoryModel}; {@code uniqueRows} caps the distinct attention rows per shard.
 *
 * @param shapes model shapes
 * @param bits index bits
 * @param dtype training data type of the weights
 * @param iterations DKM iterations
 * @param learners data-parallel learners
 * @param uniqueRows distinct attention rows per shard (at most the distinct weight values)
 * @param savesDistances whether the graph also saves the distance map
 */
public record DecoderLayerMemory(LlamaShapes shapes, int bits, Dtype dtype, int iterations, int learners,
        long uniqueRows, boolean savesDistances) implements TableSummary {

    /** Returns the summed estimate under {@code policy}, bytes per learner. */
    public long heldBytes(StorePolicy policy) {
        long total = 0;
        for (WeightTensor t : shapes.decoderLinears()) {
            total += new DkmMemoryModel(t.elements(), bits, dtype, 1, iterations, uniqueRows,
                    uniqueRows, savesDistances).estimate(policy).heldBytes();
        }
        return total;
    }

    /** Returns the bytes a store copying every saved reference would hold (offload, no marshaling). */
    public long everyReferenceBytes() {
        return heldBytes(StorePolicy.plain().withOffload(true));
    }

    /** Returns plain-autograd bytes over full-eDKM bytes per learner. */
    public double reductionVsPlain() {
        return (double) heldBytes(StorePolicy.plain()) / heldBytes(StorePolicy.edkm(learners));
    }

    /** Returns every-reference-copied bytes over full-eDKM bytes per learner. */
    public double reductionVsEveryReference() {
        return (double) everyReferenceBytes() / heldBytes(StorePolicy.edkm(learners));
    }

    /** Returns the ladder as a table: technique, bytes per learner, reduction against plain. */
    public Table toTable() {
        Table t = Table.create(shapes.name() + " decoder layer", StringColumn.create("technique"),
                LongColumn.create("held_bytes"), DoubleColumn.create("held_gib"),
                DoubleColumn.create("reduction_vs_plain"));
        List<StorePolicy> ladder = DkmMemoryModel.ladder(learners, StorePolicy.DEFAULT_MIN_ROWS);
        long plain = heldBytes(ladder.get(0));
        for (StorePolicy p : ladder) {
            long held = heldBytes(p);
            t.stringColumn("technique").append(p.label());
            t.longColumn("held_bytes").append(held);
            t.doubleColumn("held_gib").append(Math.round(held / (double) (1L << 30) * 1e4) / 1e4);
            t.doubleColumn("reduction_vs_plain").append(Math.round(100.0 * plain / held) / 100.0);
        }
        return t;
    }

    /** Returns a bar chart of GiB per technique on a log axis. */
    public CategoryChart chart() {
        Table t = toTable();
        CategoryChart chart = new CategoryChartBuilder().width(900).height(460)
                .title(shapes.name() + " decoder layer, " + bits + "-bit DKM, " + learners + " learners")
                .xAxisTitle("technique (cumulative)").yAxisTitle("saved-tensor GiB per learner").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.addSeries("GiB", t.stringColumn("technique").asList(),
                t.doubleColumn("held_gib").asList());
        // XChart bars start at 0 by default, which a log axis cannot show.
        double min = t.doubleColumn("held_gib").min();
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        return chart;
    }

    @Override
    public String toString() {
        return String.format("%s decoder layer, %d-bit DKM, r = %d, %d learners: %.1fx less than plain"
                + " autograd, %.1fx less than copying every saved reference", shapes.name(), bits,
                iterations, learners, reductionVsPlain(), reductionVsEveryReference());
    }
}
