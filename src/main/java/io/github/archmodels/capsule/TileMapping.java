package io.github.archmodels.capsule;

import io.github.archmodels.notebook.TableSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Per-layer tensor-core utilization of a CapsNet forward pass: the GEMMs of {@link GemmMapping}
 * on one {@link TileShape}.
 *
 * <pre>{@code
 * TileMapping t = TileMapping.of(CapsNetSpec.mnist(), 64, TileShape.wmma16x16x16());
 * t.toTable();          // layer, useful_macs, issued_slots, utilization, ineffectual_fraction
 * }</pre>
 */
public final class TileMapping implements TableSummary {

    private final CapsNetSpec spec;
    private final int batch;
    private final TileShape tile;
    private final List<LayerTiling> layers;

    private TileMapping(CapsNetSpec spec, int batch, TileShape tile, List<LayerTiling> layers) {
        this.spec = spec;
        this.batch = batch;
        this.tile = tile;
        this.layers = layers;
    }

    /** Maps a forward pass over {@code batch} images onto {@code tile}. */
    public static TileMapping of(CapsNetSpec spec, int batch, TileShape tile) {
        List<LayerTiling> layers = new ArrayList<>();
        for (Gemm g : GemmMapping.of(spec, batch)) {
            layers.add(new LayerTiling(g.layer(), g.usefulMacs(), tile.issuedSlots(g), tile.mmaCount(g)));
        }
        return new TileMapping(spec, batch, tile, List.copyOf(layers));
    }

    public CapsNetSpec spec() {
        return spec;
    }

    public int batch() {
        return batch;
    }

    public TileShape tile() {
        return tile;
    }

    /** Returns the layers in forward order. */
    public List<LayerTiling> layers() {
        return layers;
    }

    /** Returns the named layer. */
    public LayerTiling layer(String name) {
        return layers.stream().filter(l -> l.layer().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown layer \"" + name
                        + "\"; layers: " + CapsNetSpec.LAYERS));
    }

    public long usefulMacs() {
        return layers.stream().mapToLong(LayerTiling::usefulMacs).sum();
    }

    public long issuedSlots() {
        return layers.stream().mapToLong(LayerTiling::issuedSlots).sum();
    }

    /** Utilization of the whole forward pass, total useful over total issued. */
    public double utilization() {
        return (double) usefulMacs() / issuedSlots();
    }

    /** Returns {@code layer, useful_macs, issued_slots, mma_count, utilization, ineffectual_fraction}. */
    public Table toTable() {
        Table t = Table.create(spec.name() + " on " + tile.name() + ", batch " + batch,
                StringColumn.create("layer"), LongColumn.create("useful_macs"),
                LongColumn.create("issued_slots"), LongColumn.create("mma_count"),
                DoubleColumn.create("utilization"), DoubleColumn.create("ineffectual_fraction"));
        for (LayerTiling l : layers) {
            t.stringColumn("layer").append(l.layer());
            t.longColumn("useful_macs").append(l.usefulMacs());
            t.longColumn("issued_slots").append(l.issuedSlots());
            t.longColumn("mma_count").append(l.mmaCount());
            t.doubleColumn("utilization").append(l.utilization());
            t.doubleColumn("ineffectual_fraction").append(l.ineffectualFraction());
        }
        return t;
    }

    /** Returns a bar chart of utilization per layer. */
    public CategoryChart chart() {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(450)
                .title("Tensor-core utilization per layer: " + spec.name() + ", " + tile.name()
                        + ", batch " + batch)
                .xAxisTitle("layer").yAxisTitle("useful MACs / issued slots").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.addSeries("utilization", layers.stream().map(LayerTiling::layer).toList(),
                layers.stream().map(LayerTiling::utilization).toList());
        return chart;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s on %s, batch %d: %,d useful MACs in %,d slots, utilization %.3f",
                spec.name(), tile.name(), batch, usefulMacs(), issuedSlots(), utilization());
    }
}
