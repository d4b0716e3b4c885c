package io.github.archmodels.clustering;

import io.github.archmodels.notebook.TableSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Size of a palettized model. For a tensor with N weights, C output channels and spec (b, d, G LUT
 * groups, scales):
 * <pre>
 *   bytes = ceil((N / d) b / 8) + G 2^b d s_lut + (scales ? C s_scale : 0)
 * </pre>
 * with G = 1 per tensor or ceil(C / groupSize); unpalettized tensors take N s bytes in
 * {@code dtype}. Indices are packed densely per tensor.
 */
public final class PalettizedSize implements TableSummary {

    /** Bytes of one tensor group (a tensor times its count). */
    public record Row(WeightTensor tensor, PaletteSpec spec, long indexBytes, long lutBytes,
            long scaleBytes, long unpalettizedBytes) {

        /** Returns all bytes of the row. */
        public long totalBytes() {
            return indexBytes + lutBytes + scaleBytes + unpalettizedBytes;
        }
    }

    private final List<Row> rows;
    private final Dtype dtype;

    private PalettizedSize(List<Row> rows, Dtype dtype) {
        this.rows = List.copyOf(rows);
        this.dtype = dtype;
    }

    /**
     * Computes the size of {@code tensors}, palettizing each with {@code allocation} (null leaves the
     * tensor unpalettized in {@code dtype}).
     */
    public static PalettizedSize of(List<WeightTensor> tensors, Function<WeightTensor, PaletteSpec> allocation,
            Dtype dtype) {
        if (tensors == null || tensors.isEmpty()) {
            throw new IllegalArgumentException("tensors is " + (tensors == null ? "null" : "empty")
                    + "; pass the model's weight tensors, for example LlamaShapes.llama7b().tensors()");
        }
        List<Row> out = new ArrayList<>();
        for (WeightTensor t : tensors) {
            PaletteSpec spec = allocation.apply(t);
            if (spec == null) {
                out.add(new Row(t, null, 0, 0, 0, t.totalElements() * dtype.bytes()));
                continue;
            }
            if (t.elements() % spec.clusterDim() != 0) {
                throw new IllegalArgumentException(t.name() + ": clusterDim = " + spec.clusterDim()
                        + " does not divide " + t.elements() + " weights");
            }
            long vectors = t.elements() / spec.clusterDim();
            long indexBytes = (vectors * spec.bits() + 7) / 8;
            long groups = spec.groupSize() == 0 ? 1 : (t.rows() + spec.groupSize() - 1) / spec.groupSize();
            long lutBytes = groups * (1L << spec.bits()) * spec.clusterDim() * spec.lutDtype().bytes();
            long scaleBytes = spec.perChannelScale() ? t.rows() * spec.scaleDtype().bytes() : 0;
            out.add(new Row(t, spec, indexBytes * t.count(), lutBytes * t.count(),
                    scaleBytes * t.count(), 0));
        }
        return new PalettizedSize(out, dtype);
    }

    /** Returns an allocation with every linear, embedding and output tensor at b bits; norms stay unpalettized. */
    public static Function<WeightTensor, PaletteSpec> allMatrices(int bits) {
        return t -> t.kind() == WeightTensor.Kind.NORM ? null : PaletteSpec.perTensor(bits);
    }

    /** Returns an allocation with the decoder linear layers at b bits and every other tensor unpalettized. */
    public static Function<WeightTensor, PaletteSpec> decoderLinearsOnly(int bits) {
        return t -> t.kind() == WeightTensor.Kind.LINEAR ? PaletteSpec.perTensor(bits) : null;
    }

    /** Returns the rows. */
    public List<Row> rows() {
        return rows;
    }

    /** Returns the total bytes. */
    public long totalBytes() {
        return rows.stream().mapToLong(Row::totalBytes).sum();
    }

    /** Returns the total in GiB (2^30 bytes). */
    public double totalGiB() {
        return totalBytes() / (double) (1L << 30);
    }

    /** Returns one row per tensor group with byte columns. */
    public Table toTable() {
        Table t = Table.create("Palettized size", StringColumn.create("tensor"),
                StringColumn.create("palette"), LongColumn.create("weights"),
                LongColumn.create("index_bytes"), LongColumn.create("lut_bytes"),
                LongColumn.create("scale_bytes"), LongColumn.create("unpalettized_bytes"),
                LongColumn.create("total_bytes"), DoubleColumn.create("bits_per_weight"));
        for (Row r : rows) {
            t.stringColumn("tensor").append(r.tensor().name() + (r.tensor().count() > 1
                    ? " x" + r.tensor().count() : ""));
            t.stringColumn("palette").append(r.spec() == null ? dtype.name()
                    : r.spec().bits() + "-bit, d=" + r.spec().clusterDim());
            t.longColumn("weights").append(r.tensor().totalElements());
            t.longColumn("index_bytes").append(r.indexBytes());
            t.longColumn("lut_bytes").append(r.lutBytes());
            t.longColumn("scale_bytes").append(r.scaleBytes());
            t.longColumn("unpalettized_bytes").append(r.unpalettizedBytes());
            t.longColumn("total_bytes").append(r.totalBytes());
            t.doubleColumn("bits_per_weight").append(8.0 * r.totalBytes() / r.tensor().totalElements());
        }
        return t;
    }

    /** Returns a stacked bar chart of index, LUT, scale and unpalettized bytes per tensor group, in MiB. */
    public CategoryChart chart(String title) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(450).title(title)
                .xAxisTitle("tensor").yAxisTitle("MiB").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(30);
        List<String> names = new ArrayList<>();
        List<Double> index = new ArrayList<>();
        List<Double> lut = new ArrayList<>();
        List<Double> scale = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        double mib = 1 << 20;
        for (Row r : rows) {
            names.add(r.tensor().name());
            index.add(r.indexBytes() / mib);
            lut.add(r.lutBytes() / mib);
            scale.add(r.scaleBytes() / mib);
            plain.add(r.unpalettizedBytes() / mib);
        }
        chart.addSeries("indices", names, index);
        chart.addSeries("LUTs", names, lut);
        chart.addSeries("scales", names, scale);
        chart.addSeries("unpalettized", names, plain);
        return chart;
    }

    @Override
    public String toString() {
        return String.format("Palettized size: %,d bytes (%.2f GiB) over %d tensor groups", totalBytes(),
                totalGiB(), rows.size());
    }
}
