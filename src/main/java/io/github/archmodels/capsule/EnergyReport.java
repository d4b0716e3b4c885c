package io.github.archmodels.capsule;

import io.github.archmodels.notebook.TableSummary;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Per-layer time and energy of one forward pass under one {@link Execution}; see {@link EnergyModel}. */
public final class EnergyReport implements TableSummary {

    private final CapsNetSpec spec;
    private final int batch;
    private final Gpu gpu;
    private final TileShape tile;
    private final Execution execution;
    private final List<LayerEnergy> layers;

    EnergyReport(CapsNetSpec spec, int batch, Gpu gpu, TileShape tile, Execution execution,
            List<LayerEnergy> layers) {
        this.spec = spec;
        this.batch = batch;
        this.gpu = gpu;
        this.tile = tile;
        this.execution = execution;
        this.layers = List.copyOf(layers);
    }

    public CapsNetSpec spec() {
        return spec;
    }

    public int batch() {
        return batch;
    }

    public Gpu gpu() {
        return gpu;
    }

    public TileShape tile() {
        return tile;
    }

    public Execution execution() {
        return execution;
    }

    public List<LayerEnergy> layers() {
        return layers;
    }

    /** Returns the named layer. */
    public LayerEnergy layer(String name) {
        return layers.stream().filter(l -> l.layer().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown layer \"" + name
                        + "\"; layers: " + CapsNetSpec.LAYERS));
    }

    private double sum(ToDoubleFunction<LayerEnergy> part) {
        return layers.stream().mapToDouble(part).sum();
    }

    public double totalJoules() {
        return sum(LayerEnergy::totalJoules);
    }

    public double totalSeconds() {
        return sum(LayerEnergy::seconds);
    }

    public double totalCycles() {
        return sum(LayerEnergy::cycles);
    }

    public double computeJoules() {
        return sum(LayerEnergy::computeJoules);
    }

    public double detectJoules() {
        return sum(LayerEnergy::detectJoules);
    }

    public double memoryJoules() {
        return sum(LayerEnergy::memoryJoules);
    }

    public double specialFunctionJoules() {
        return sum(LayerEnergy::specialFunctionJoules);
    }

    public double staticJoules() {
        return sum(LayerEnergy::staticJoules);
    }

    /** Energy of the named layers; names absent from this report count zero. */
    public double joules(List<String> layerNames) {
        return layers.stream().filter(l -> layerNames.contains(l.layer())).mapToDouble(LayerEnergy::totalJoules)
                .sum();
    }

    /** Energy per image. */
    public double joulesPerImage() {
        return totalJoules() / batch;
    }

    /** Returns one row per layer with slots, cycles, seconds and the five energy parts. */
    public Table toTable() {
        Table t = Table.create(spec.name() + " " + execution + " on " + gpu.name() + " " + tile.name()
                + ", batch " + batch, StringColumn.create("layer"), LongColumn.create("useful_macs"),
                LongColumn.create("issued_slots"), LongColumn.create("executed_macs"),
                DoubleColumn.create("cycles"), DoubleColumn.create("seconds"),
                DoubleColumn.create("compute_joules"), DoubleColumn.create("detect_joules"),
                DoubleColumn.create("memory_joules"), DoubleColumn.create("special_function_joules"),
                DoubleColumn.create("static_joules"), DoubleColumn.create("total_joules"));
        for (LayerEnergy l : layers) {
            t.stringColumn("layer").append(l.layer());
            t.longColumn("useful_macs").append(l.usefulMacs());
            t.longColumn("issued_slots").append(l.issuedSlots());
            t.longColumn("executed_macs").append(l.executedMacs());
            t.doubleColumn("cycles").append(l.cycles());
            t.doubleColumn("seconds").append(l.seconds());
            t.doubleColumn("compute_joules").append(l.computeJoules());
            t.doubleColumn("detect_joules").append(l.detectJoules());
            t.doubleColumn("memory_joules").append(l.memoryJoules());
            t.doubleColumn("special_function_joules").append(l.specialFunctionJoules());
            t.doubleColumn("static_joules").append(l.staticJoules());
            t.doubleColumn("total_joules").append(l.totalJoules());
        }
        return t;
    }

    /** Returns a stacked bar chart of energy per layer in microjoules, split into its parts. */
    public CategoryChart chart() {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(500)
                .title("Energy per layer: " + spec.name() + ", " + execution + ", " + gpu.name() + ", "
                        + tile.name() + ", batch " + batch)
                .xAxisTitle("layer").yAxisTitle("energy per batch (microjoules)").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setXAxisLabelRotation(30);
        List<String> names = layers.stream().map(LayerEnergy::layer).toList();
        addSeries(chart, "compute", names, LayerEnergy::computeJoules);
        addSeries(chart, "zero detection", names, LayerEnergy::detectJoules);
        addSeries(chart, "operand SRAM", names, LayerEnergy::memoryJoules);
        addSeries(chart, "softmax and squash", names, LayerEnergy::specialFunctionJoules);
        addSeries(chart, "static", names, LayerEnergy::staticJoules);
        return chart;
    }

    private void addSeries(CategoryChart chart, String name, List<String> names,
            ToDoubleFunction<LayerEnergy> part) {
        chart.addSeries(name, names, layers.stream().map(l -> part.applyAsDouble(l) * 1e6).toList());
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "%s %s on %s (%s), batch %d: %.4g J (compute %.3g, detect %.3g, SRAM %.3g, special %.3g,"
                        + " static %.3g), %.4g s",
                spec.name(), execution, gpu.name(), tile.name(), batch, totalJoules(), computeJoules(),
                detectJoules(), memoryJoules(), specialFunctionJoules(), staticJoules(), totalSeconds());
    }
}
