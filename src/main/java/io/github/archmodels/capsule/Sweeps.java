package io.github.archmodels.capsule;

import java.util.List;
import java.util.function.IntFunction;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Parameter sweeps of {@link EnergyModel}: batch size, capsule dimension, tile shape and GPU. Each
 * returns a table with one row per setting and the columns {@code setting, utilization,
 * baseline_joules_per_image, target_joules_per_image, energy_saved_fraction,
 * efficiency_gain_fraction, speedup}.
 *
 * <pre>{@code
 * Table t = Sweeps.batchSize(EnergyModel.of(Gpu.a100()), CapsNetSpec.mnist(),
 *         new int[] {1, 16, 64, 256}, Execution.BASELINE, Execution.PACKED);
 * }</pre>
 */
public final class Sweeps {

    private Sweeps() {
    }

    private static Table emptyTable(String title, String setting) {
        return Table.create(title, StringColumn.create(setting), DoubleColumn.create("utilization"),
                DoubleColumn.create("baseline_joules_per_image"), DoubleColumn.create("target_joules_per_image"),
                DoubleColumn.create("energy_saved_fraction"), DoubleColumn.create("efficiency_gain_fraction"),
                DoubleColumn.create("speedup"));
    }

    private static void addRow(Table t, String setting, EnergyModel model, CapsNetSpec spec, int batch,
            Execution baseline, Execution target) {
        EnergyComparison c = model.compare(spec, batch, baseline, target);
        t.stringColumn(0).append(setting);
        t.doubleColumn("utilization").append(TileMapping.of(spec, batch, model.tile()).utilization());
        t.doubleColumn("baseline_joules_per_image").append(c.baseline().joulesPerImage());
        t.doubleColumn("target_joules_per_image").append(c.target().joulesPerImage());
        t.doubleColumn("energy_saved_fraction").append(c.energySaved());
        t.doubleColumn("efficiency_gain_fraction").append(c.efficiencyGain());
        t.doubleColumn("speedup").append(c.speedup());
    }

    /** Sweeps the batch size. */
    public static Table batchSize(EnergyModel model, CapsNetSpec spec, int[] batches, Execution baseline,
            Execution target) {
        Table t = emptyTable(spec.name() + ": batch-size sweep, " + baseline + " -> " + target, "batch");
        for (int b : batches) {
            addRow(t, Integer.toString(b), model, spec, b, baseline, target);
        }
        return t;
    }

    /** Sweeps the primary capsule dimension {@code dIn} (the prediction GEMM's K). */
    public static Table primaryDim(EnergyModel model, CapsNetSpec spec, int batch, int[] dims,
            Execution baseline, Execution target) {
        return sweepInt(model, spec, batch, dims, baseline, target, "primary_dim", spec::withPrimaryDim);
    }

    /** Sweeps the class capsule dimension {@code dOut} (the routing GEMMs' M and K). */
    public static Table digitDim(EnergyModel model, CapsNetSpec spec, int batch, int[] dims,
            Execution baseline, Execution target) {
        return sweepInt(model, spec, batch, dims, baseline, target, "digit_dim", spec::withDigitDim);
    }

    private static Table sweepInt(EnergyModel model, CapsNetSpec spec, int batch, int[] values,
            Execution baseline, Execution target, String setting, IntFunction<CapsNetSpec> variant) {
        Table t = emptyTable(spec.name() + ": " + setting + " sweep, batch " + batch + ", " + baseline
                + " -> " + target, setting);
        for (int v : values) {
            addRow(t, Integer.toString(v), model, variant.apply(v), batch, baseline, target);
        }
        return t;
    }

    /** Sweeps the MMA shape. */
    public static Table tileShape(EnergyModel model, CapsNetSpec spec, int batch, List<TileShape> tiles,
            Execution baseline, Execution target) {
        Table t = emptyTable(spec.name() + ": tile-shape sweep, batch " + batch + ", " + baseline + " -> "
                + target, "tile");
        for (TileShape tile : tiles) {
            addRow(t, tile.name(), model.withTile(tile), spec, batch, baseline, target);
        }
        return t;
    }

    /** Sweeps the GPU. */
    public static Table gpu(EnergyModel model, CapsNetSpec spec, int batch, List<Gpu> gpus,
            Execution baseline, Execution target) {
        Table t = emptyTable(spec.name() + ": GPU sweep, batch " + batch + ", " + baseline + " -> " + target,
                "gpu");
        for (Gpu g : gpus) {
            addRow(t, g.name(), model.withGpu(g), spec, batch, baseline, target);
        }
        return t;
    }

    /**
     * Returns a line chart of energy saved, efficiency gain and utilization (percent) over a numeric
     * sweep. The x axis is logarithmic when the settings span more than a factor of 10.
     */
    public static XYChart lineChart(Table sweep, String xAxisTitle) {
        XYChart chart = new XYChartBuilder().width(900).height(450).title(sweep.name())
                .xAxisTitle(xAxisTitle).yAxisTitle("percent").build();
        double[] x = sweep.stringColumn(0).asList().stream().mapToDouble(Double::parseDouble).toArray();
        double min = java.util.Arrays.stream(x).min().orElse(1);
        double max = java.util.Arrays.stream(x).max().orElse(1);
        chart.getStyler().setXAxisLogarithmic(min > 0 && max / min > 10);
        chart.addSeries("energy saved", x, percent(sweep, "energy_saved_fraction"));
        chart.addSeries("efficiency gain", x, percent(sweep, "efficiency_gain_fraction"));
        chart.addSeries("utilization", x, percent(sweep, "utilization"));
        return chart;
    }

    /** Returns grouped bars of energy saved and efficiency gain (percent) over a categorical sweep. */
    public static CategoryChart barChart(Table sweep, String xAxisTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(450).title(sweep.name())
                .xAxisTitle(xAxisTitle).yAxisTitle("percent").build();
        List<String> names = sweep.stringColumn(0).asList();
        chart.addSeries("energy saved", names, boxed(percent(sweep, "energy_saved_fraction")));
        chart.addSeries("efficiency gain", names, boxed(percent(sweep, "efficiency_gain_fraction")));
        return chart;
    }

    private static double[] percent(Table t, String column) {
        return t.doubleColumn(column).asList().stream().mapToDouble(v -> 100 * v).toArray();
    }

    private static List<Double> boxed(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
