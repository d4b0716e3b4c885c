package io.github.archmodels.capsule;

import io.github.archmodels.data.FashionMnist;
import io.github.archmodels.report.Report;
import io.github.archmodels.report.ReportSection;
import io.github.archmodels.speedup.Speedups;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The capsule-network section of the main job: Hafezan and Atoofian, "Improving Energy-Efficiency
 * of Capsule Networks on Modern GPUs", IEEE CAL 23(1), 2024. It maps CapsNet onto tensor-core
 * tiles, prices the padded slots with {@link EnergyModel}, runs the functional network on real
 * Fashion-MNIST test images both ways, and sets the model's energy-efficiency figure beside the
 * paper's 15 %.
 */
public final class CapsuleSection implements ReportSection {

    private static final Logger LOG = LoggerFactory.getLogger(CapsuleSection.class);

    /** The paper's headline: energy-efficiency improved by 15 %. */
    public static final double PAPER_EFFICIENCY_GAIN = 0.15;

    /** Images the functional network runs on, from the start of the test split. */
    public static final int FUNCTIONAL_IMAGES = 128;

    /** Batch of the analytical model and of each functional pass. */
    public static final int BATCH = 64;

    /** Seed of the functional network's weights. */
    public static final long WEIGHT_SEED = 2024;

    @Override
    public String model() {
        return "capsule";
    }

    @Override
    public String title() {
        return "Capsule networks on tensor-core GPUs (Hafezan and Atoofian, IEEE CAL 2024)";
    }

    @Override
    public void write(Report.Section section) throws IOException {
        Gpu gpu = Gpu.a100();
        TileShape tile = TileShape.wmma16x16x16();
        EnergyModel model = new EnergyModel(gpu, tile, EnergyCosts.horowitz45nm());
        CapsNetSpec fashion = CapsNetSpec.fashionMnist();

        section.paragraph("Hafezan and Atoofian report that capsule layers fill tensor-core tiles poorly,"
                + " and that an architecture which eliminates the ineffectual operations improves GPU"
                + " energy-efficiency by 15 % without changing accuracy. The letter is closed access: its"
                + " GPU, simulator, datasets and mechanism are not public. This section rebuilds the claim"
                + " from first principles: the CapsNet of Sabour et al. (2017) mapped to GEMMs on "
                + tile.name() + " MMA tiles, priced with 45 nm per-operation energies (Horowitz, ISSCC"
                + " 2014) on an " + gpu.name() + " model, plus a functional float32 CapsNet run on real"
                + " Fashion-MNIST images with and without the ineffectual operations.");

        section.heading("Network presets");
        section.table(CapsNetSpec.toTable(CapsNetSpec.presets()),
                "CapsNet presets (VALID padding, 256 Conv1 filters, 32 primary types of 8-D, 16-D class capsules, r = 3)");

        writeUtilization(section, model, fashion);
        ZeroFractions measured = writeFunctional(section, tile, fashion);
        EnergyComparison packed = writeEnergy(section, model, fashion, measured);
        writeDatasets(section, model, packed, measured);
        writeSweeps(section, model, fashion);
    }

    private static void writeUtilization(Report.Section section, EnergyModel model, CapsNetSpec spec) {
        TileMapping mapping = TileMapping.of(spec, BATCH, model.tile());
        section.heading("Tensor-core utilization per layer");
        section.paragraph("Each layer is a GEMM (M, N, K) issued on m x n x k MMA tiles, which pad every"
                + " dimension up to a multiple of the tile: issued slots P = ceil(M/m)m ceil(N/n)n"
                + " ceil(K/k)k, utilization U = MNK / P. The prediction GEMM has K = 8 against k = 16"
                + " (U = 0.5); the routing sum and the agreement are matrix-vector products with N = 1"
                + " (U = 1/16). The convolutions, which do nearly all the work, fill their tiles.");
        section.table(GemmMapping.toTable(GemmMapping.of(spec, BATCH)), "GEMM mapping, " + spec.name()
                + ", batch " + BATCH);
        section.consoleTable(mapping.toTable().selectColumns("layer", "useful_macs", "issued_slots",
                "utilization"), "Utilization per layer, " + spec.name() + ", " + model.tile().name()
                + ", batch " + BATCH);
        section.chart(mapping.chart(), "Useful MACs over issued multiply slots per layer.");
        section.figure("prediction_utilization", mapping.layer("prediction").utilization(), "fraction");
        section.figure("routing_sum_utilization", mapping.layer("routing-sum").utilization(), "fraction");
        section.figure("whole_network_utilization", mapping.utilization(), "fraction");
    }

    private static ZeroFractions writeFunctional(Report.Section section, TileShape tile, CapsNetSpec spec)
            throws IOException {
        FashionMnist data = FashionMnist.shippedTestSplit(section.dataDir());
        CapsNetWeights weights = CapsNetWeights.seeded(spec, WEIGHT_SEED);
        FunctionalCapsNet net = FunctionalCapsNet.of(weights, tile);

        List<ForwardResult> padded = new ArrayList<>();
        List<ForwardResult> eliminated = new ArrayList<>();
        double maxDifference = 0;
        int samePredictions = 0;
        double paddedSeconds = 0;
        double eliminatedSeconds = 0;
        for (int start = 0; start < FUNCTIONAL_IMAGES; start += BATCH) {
            float[] images = FunctionalCapsNet.images(data, start, BATCH);
            long t0 = System.nanoTime();
            ForwardResult p = net.forward(images, BATCH, FunctionalCapsNet.Mode.PADDED);
            long t1 = System.nanoTime();
            ForwardResult e = net.forward(images, BATCH, FunctionalCapsNet.Mode.ELIMINATED);
            long t2 = System.nanoTime();
            paddedSeconds += (t1 - t0) / 1e9;
            eliminatedSeconds += (t2 - t1) / 1e9;
            maxDifference = Math.max(maxDifference, p.maxAbsDifference(e));
            int[] pp = p.predicted();
            int[] ep = e.predicted();
            for (int b = 0; b < BATCH; b++) {
                samePredictions += pp[b] == ep[b] ? 1 : 0;
            }
            padded.add(p);
            eliminated.add(e);
            LOG.info("Functional CapsNet: images {}..{} done", start, start + BATCH - 1);
        }

        Table counts = sumCounts(padded, eliminated);
        section.heading("Functional CapsNet on Fashion-MNIST: padded tiles against eliminated operations");
        section.paragraph(String.format(Locale.ROOT, "The float32 network (Conv1, PrimaryCaps, squash,"
                + " DigitCaps prediction, 3 routing iterations, masked decoder) ran on the first %d images"
                + " of the Fashion-MNIST test split shipped in data/fashion-mnist, in batches of %d, once"
                + " multiplying every slot of the padded %s tiles and once skipping padding and zero"
                + " activations. Largest absolute difference of class capsules and reconstructions"
                + " between the two: %s; identical predictions: %d of %d. CPU time on this machine:"
                + " %.1f s padded, %.1f s eliminated.",
                FUNCTIONAL_IMAGES, BATCH, tile.name(), maxDifference == 0 ? "0 (identical)"
                        : String.format(Locale.ROOT, "%.3g", maxDifference),
                samePredictions, FUNCTIONAL_IMAGES, paddedSeconds, eliminatedSeconds));
        section.note("The weights are seeded, not trained: Glorot-uniform draws with seed " + WEIGHT_SEED
                + " and zero biases. Predictions are therefore at chance level and are not reported as"
                + " accuracy. What the run establishes is that eliminating ineffectual operations leaves"
                + " every output unchanged, and how many operations are padding or zero activations on"
                + " real images. The zero fraction after ReLU depends on the weights, so a trained"
                + " network may differ.");
        section.consoleTable(counts, "Functional pass, " + FUNCTIONAL_IMAGES + " Fashion-MNIST images: operations per layer");

        long paddedTotal = (long) counts.longColumn("padded_slots").sum();
        long executed = (long) counts.longColumn("eliminated_executed_macs").sum();
        section.figure("functional_images", FUNCTIONAL_IMAGES, "images");
        section.figure("functional_max_abs_difference", maxDifference, "absolute");
        section.figure("functional_skipped_fraction", 1 - (double) executed / paddedTotal, "fraction");

        ZeroFractions zeros = ZeroFractions.none();
        for (int row = 0; row < counts.rowCount(); row++) {
            zeros = zeros.with(counts.stringColumn("layer").get(row),
                    counts.doubleColumn("zero_activation_fraction").get(row));
        }
        return zeros;
    }

    private static Table sumCounts(List<ForwardResult> padded, List<ForwardResult> eliminated) {
        Table t = Table.create("operations per layer", StringColumn.create("layer"),
                LongColumn.create("useful_macs"), LongColumn.create("padded_slots"),
                LongColumn.create("padding_skipped"), LongColumn.create("zero_skipped"),
                LongColumn.create("eliminated_executed_macs"), DoubleColumn.create("zero_activation_fraction"));
        for (LayerOps first : padded.get(0).layers()) {
            String layer = first.layer();
            long useful = 0;
            long slots = 0;
            long paddingSkipped = 0;
            long zeroSkipped = 0;
            long executed = 0;
            for (int i = 0; i < padded.size(); i++) {
                LayerOps p = padded.get(i).layer(layer);
                LayerOps e = eliminated.get(i).layer(layer);
                useful += p.usefulMacs();
                slots += p.paddedSlots();
                paddingSkipped += e.paddingSkipped();
                zeroSkipped += e.zeroSkipped();
                executed += e.executedMacs();
            }
            t.stringColumn("layer").append(layer);
            t.longColumn("useful_macs").append(useful);
            t.longColumn("padded_slots").append(slots);
            t.longColumn("padding_skipped").append(paddingSkipped);
            t.longColumn("zero_skipped").append(zeroSkipped);
            t.longColumn("eliminated_executed_macs").append(executed);
            t.doubleColumn("zero_activation_fraction").append((double) zeroSkipped / useful);
        }
        return t;
    }

    private static EnergyComparison writeEnergy(Report.Section section, EnergyModel model, CapsNetSpec spec,
            ZeroFractions measured) {
        EnergyReport baseline = model.evaluate(spec, BATCH, Execution.BASELINE, measured);
        Table variants = Table.create("executions", StringColumn.create("execution"),
                DoubleColumn.create("joules"), DoubleColumn.create("seconds"),
                DoubleColumn.create("energy_saved_fraction"), DoubleColumn.create("efficiency_gain_fraction"),
                DoubleColumn.create("capsule_layers_energy_saved_fraction"));
        EnergyComparison packed = null;
        for (Execution execution : Execution.values()) {
            EnergyComparison c = new EnergyComparison(baseline, model.evaluate(spec, BATCH, execution, measured));
            variants.stringColumn("execution").append(execution.name());
            variants.doubleColumn("joules").append(c.target().totalJoules());
            variants.doubleColumn("seconds").append(c.target().totalSeconds());
            variants.doubleColumn("energy_saved_fraction").append(c.energySaved());
            variants.doubleColumn("efficiency_gain_fraction").append(c.efficiencyGain());
            variants.doubleColumn("capsule_layers_energy_saved_fraction").append(c.capsuleLayersEnergySaved());
            if (execution == Execution.PACKED) {
                packed = c;
            }
            if (execution == Execution.ZERO_SKIPPING) {
                section.figure("zero_skipping_efficiency_gain_seeded_weights_fashion_mnist", c.efficiencyGain(), "fraction");
                section.figure("zero_skipping_energy_saved_seeded_weights_fashion_mnist", c.energySaved(), "fraction");
            }
        }

        section.heading("Energy per execution variant");
        section.paragraph("Energy E = sum over layers of executed slots x 2.0 pJ (FP16 multiply + FP32 add)"
                + " + MMA count x 1.6 pJ zero detection (not in the baseline) + operand bytes x 1.25 pJ"
                + " (SRAM) + softmax and squash operations x 14.8 pJ + static power x time, where time is"
                + " issued slots over the tensor-core rate (" + String.format(Locale.ROOT, "%,d",
                        model.gpu().fmaPerClock()) + " FMA per clock). GATED switches off padded lanes"
                + " (time unchanged), PACKED also compacts useful work into full tiles (time falls),"
                + " ZERO_SKIPPING also gates the zero activations measured above.");
        section.consoleTable(variants, spec.name() + ", " + model.gpu().name() + ", " + model.tile().name()
                + ", batch " + BATCH + ": each execution against BASELINE");
        section.table(baseline.toTable(), "Per-layer energy, BASELINE");
        section.chart(baseline.chart(), "Energy per layer and part, BASELINE execution.");
        section.chart(packed.target().chart(), "Energy per layer and part, PACKED execution.");

        section.heading("The paper's figure beside the model's");
        double gain = packed.efficiencyGain();
        section.paragraph(String.format(Locale.ROOT, "Paper: energy-efficiency +15 %%. The letter does not say"
                + " whether this is energy saved or work per joule gained: 15 %% saved would be a 17.6 %% gain,"
                + " and a 15 %% gain would be 13.0 %% saved. Model, Fashion-MNIST, PACKED against BASELINE:"
                + " efficiency gain %.1f %%, energy saved %.1f %%. Over the capsule layers alone (prediction"
                + " and routing) energy saved is %.1f %%. With the zero activations measured on the seeded"
                + " network also skipped, the gain is %.1f %%.", 100 * gain, 100 * packed.energySaved(),
                100 * packed.capsuleLayersEnergySaved(),
                100 * model.compare(spec, BATCH, Execution.BASELINE, Execution.ZERO_SKIPPING, measured)
                        .efficiencyGain()));
        section.note("Assumptions behind the model's figure: routing runs as one matrix-vector product per"
                + " image and class (no batching across classes or images), prediction as one GEMM per"
                + " input capsule with all classes stacked in M; every layer is compute-bound on the"
                + " tensor cores; A100 static power is 18 % of its 400 W board power (the V100 ratio in"
                + " AccelWattch); per-operation energies are 45 nm figures, which fix the ratio of"
                + " dynamic to static energy. The convolutions fill their tiles and take most of the"
                + " energy here, so the whole-network saving is small while the capsule layers alone save"
                + " far more than 15 %. The paper's figure lies between the two. Where it falls depends on"
                + " the convolutions' share of the GPU's energy, which the letter does not give.");
        section.figure("paper_efficiency_gain", PAPER_EFFICIENCY_GAIN, "fraction");
        section.figure("packed_efficiency_gain_fashion_mnist", gain, "fraction");
        section.figure("packed_energy_saved_fashion_mnist", packed.energySaved(), "fraction");
        section.figure("gated_energy_saved_fashion_mnist",
                model.compare(spec, BATCH, Execution.BASELINE, Execution.GATED).energySaved(), "fraction");
        section.figure("packed_capsule_layers_energy_saved_fashion_mnist", packed.capsuleLayersEnergySaved(),
                "fraction");
        return packed;
    }

    private static void writeDatasets(Report.Section section, EnergyModel model, EnergyComparison fashionPacked,
            ZeroFractions measured) {
        List<EnergyComparison> comparisons = new ArrayList<>();
        List<CapsNetSpec> specs = List.of(CapsNetSpec.mnist(), CapsNetSpec.fashionMnist(), CapsNetSpec.svhn(),
                CapsNetSpec.cifar10(), CapsNetSpec.smallNorb());
        for (CapsNetSpec s : specs) {
            comparisons.add(model.compare(s, BATCH, Execution.BASELINE, Execution.PACKED));
        }
        Table table = EnergyComparison.toTable(comparisons);
        Speedups energyRatio = Speedups.ofTimes(table, "dataset", "baseline_joules", "target_joules");
        double equalWorkGain = energyRatio.equalWork() - 1;

        section.heading("Per-dataset energy saved and efficiency gain");
        section.paragraph("Energy saved is 1 - E_packed/E_baseline; efficiency gain is"
                + " E_baseline/E_packed - 1, the rise in images per joule. Across datasets, joules play the"
                + " role of time in the speedup module: the equal-work ratio sum(E_baseline) /"
                + " sum(E_packed), one batch of " + BATCH + " images per dataset, gives an efficiency gain"
                + String.format(Locale.ROOT, " of %.2f %% (geometric mean of the per-dataset ratios: %.2f %%).",
                        100 * equalWorkGain, 100 * (energyRatio.geometricMean() - 1)));
        section.consoleTable(table.selectColumns("dataset", "energy_saved_fraction", "efficiency_gain_fraction",
                "speedup", "capsule_layers_energy_saved_fraction"), "PACKED against BASELINE per dataset, "
                + model.gpu().name() + ", batch " + BATCH);
        section.chart(EnergyComparison.chart(comparisons, "PACKED against BASELINE per dataset, "
                + model.gpu().name()), "Energy saved and efficiency gain per dataset: two different ratios"
                + " of the same energies.");
        section.figure("equal_work_packed_efficiency_gain_all_datasets", equalWorkGain, "fraction");
    }

    private static void writeSweeps(Report.Section section, EnergyModel model, CapsNetSpec spec) {
        section.heading("Sweeps (PACKED against BASELINE, " + spec.name() + ")");
        Table batch = Sweeps.batchSize(model, spec, new int[] {1, 4, 16, 64, 256}, Execution.BASELINE,
                Execution.PACKED);
        section.table(batch, batch.name());
        section.chart(Sweeps.lineChart(batch, "batch size"), "Batch size: padding of N = B in the prediction"
                + " and decoder GEMMs disappears once B reaches the tile's n.");
        Table dims = Sweeps.primaryDim(model, spec, BATCH, new int[] {4, 8, 12, 16, 24, 32}, Execution.BASELINE,
                Execution.PACKED);
        section.table(dims, dims.name());
        section.chart(Sweeps.lineChart(dims, "primary capsule dimension d_in"), "Primary capsule dimension:"
                + " K = d_in of the prediction GEMM; multiples of 16 fill the tile. More dimensions also grow"
                + " PrimaryCaps, which fills its tiles.");
        Table digit = Sweeps.digitDim(model, spec, BATCH, new int[] {4, 8, 16, 32}, Execution.BASELINE,
                Execution.PACKED);
        section.table(digit, digit.name());
        Table tiles = Sweeps.tileShape(model, spec, BATCH, TileShape.presets(), Execution.BASELINE,
                Execution.PACKED);
        section.table(tiles, tiles.name());
        section.chart(Sweeps.barChart(tiles, "MMA shape"), "MMA shape: the matrix-vector routing products"
                + " (N = 1) waste most on n = 32 (m8n32k16) and least on n = 8 (m16n8k16, m16n8k8, m8n8k4),"
                + " so packing gains most where the baseline tile is widest.");
        double wide = tiles.doubleColumn("efficiency_gain_fraction").get(tiles.stringColumn("tile").indexOf("m8n32k16"));
        section.paragraph(String.format(Locale.ROOT, "The tile shape alone moves the model's PACKED efficiency"
                + " gain from %.1f %% to %.1f %%; with m8n32k16 tiles it is %.1f %%, close to the paper's 15 %%."
                + " The paper's tile shape is not public, so this is a sensitivity, not a match.",
                100 * tiles.doubleColumn("efficiency_gain_fraction").min(),
                100 * tiles.doubleColumn("efficiency_gain_fraction").max(), 100 * wide));
        Table gpus = Sweeps.gpu(model, spec, BATCH, Gpu.presets(), Execution.BASELINE, Execution.PACKED);
        section.table(gpus, gpus.name());
    }
}
