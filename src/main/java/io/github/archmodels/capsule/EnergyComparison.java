package io.github.archmodels.capsule;

import io.github.archmodels.notebook.HtmlSummary;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A baseline and a target execution of the same network and batch.
 *
 * <p>Two figures that are easy to confuse:
 * <ul>
 *   <li>energy saved {@code S = 1 - E_target / E_baseline};
 *   <li>energy-efficiency gain {@code G = E_baseline / E_target - 1 = 1 / (1 - S) - 1}, the rise in
 *       work per joule.
 * </ul>
 * A "15 %" claim is S = 15 % (G = 17.6 %) or G = 15 % (S = 13.0 %).
 *
 * @param baseline the reference execution
 * @param target the execution compared with it
 */
public record EnergyComparison(EnergyReport baseline, EnergyReport target) implements HtmlSummary {

    public EnergyComparison {
        if (!baseline.spec().equals(target.spec()) || baseline.batch() != target.batch()) {
            throw new IllegalArgumentException("baseline (" + baseline.spec().name() + ", batch "
                    + baseline.batch() + ") and target (" + target.spec().name() + ", batch "
                    + target.batch() + ") must run the same network and batch");
        }
    }

    /** {@code 1 - E_target / E_baseline}. */
    public double energySaved() {
        return 1 - target.totalJoules() / baseline.totalJoules();
    }

    /** {@code E_baseline / E_target - 1}. */
    public double efficiencyGain() {
        return baseline.totalJoules() / target.totalJoules() - 1;
    }

    /** Energy saved over the capsule layers only ({@link CapsNetSpec#CAPSULE_LAYERS}). */
    public double capsuleLayersEnergySaved() {
        return 1 - target.joules(CapsNetSpec.CAPSULE_LAYERS) / baseline.joules(CapsNetSpec.CAPSULE_LAYERS);
    }

    /** {@code T_baseline / T_target}. */
    public double speedup() {
        return baseline.totalSeconds() / target.totalSeconds();
    }

    /** Returns one row per comparison, keyed by dataset. */
    public static Table toTable(List<EnergyComparison> comparisons) {
        Table t = Table.create("Energy comparison", StringColumn.create("dataset"),
                StringColumn.create("baseline"), StringColumn.create("target"),
                DoubleColumn.create("baseline_joules"), DoubleColumn.create("target_joules"),
                DoubleColumn.create("energy_saved_fraction"), DoubleColumn.create("efficiency_gain_fraction"),
                DoubleColumn.create("baseline_seconds"), DoubleColumn.create("target_seconds"),
                DoubleColumn.create("speedup"), DoubleColumn.create("capsule_layers_energy_saved_fraction"));
        for (EnergyComparison c : comparisons) {
            t.stringColumn("dataset").append(c.baseline().spec().name());
            t.stringColumn("baseline").append(c.baseline().execution().name());
            t.stringColumn("target").append(c.target().execution().name());
            t.doubleColumn("baseline_joules").append(c.baseline().totalJoules());
            t.doubleColumn("target_joules").append(c.target().totalJoules());
            t.doubleColumn("energy_saved_fraction").append(c.energySaved());
            t.doubleColumn("efficiency_gain_fraction").append(c.efficiencyGain());
            t.doubleColumn("baseline_seconds").append(c.baseline().totalSeconds());
            t.doubleColumn("target_seconds").append(c.target().totalSeconds());
            t.doubleColumn("speedup").append(c.speedup());
            t.doubleColumn("capsule_layers_energy_saved_fraction").append(c.capsuleLayersEnergySaved());
        }
        return t;
    }

    /** Returns grouped bars per dataset: energy saved and efficiency gain, in percent. */
    public static CategoryChart chart(List<EnergyComparison> comparisons, String title) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(450).title(title)
                .xAxisTitle("dataset").yAxisTitle("percent").build();
        List<String> names = comparisons.stream().map(c -> c.baseline().spec().name()).toList();
        chart.addSeries("energy saved, 1 - E_new/E_base", names,
                comparisons.stream().map(c -> 100 * c.energySaved()).toList());
        chart.addSeries("efficiency gain, E_base/E_new - 1", names,
                comparisons.stream().map(c -> 100 * c.efficiencyGain()).toList());
        return chart;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s, batch %d: %s -> %s saves %.2f %% energy"
                        + " (efficiency gain %.2f %%), speedup %.3f",
                baseline.spec().name(), baseline.batch(), baseline.execution(), target.execution(),
                100 * energySaved(), 100 * efficiencyGain(), speedup());
    }
}
