package io.github.archmodels.capsule;

import io.github.archmodels.notebook.TableSummary;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The outputs and per-layer operation counts of one {@link FunctionalCapsNet} forward pass. */
public final class ForwardResult implements TableSummary {

    private final CapsNetSpec spec;
    private final TileShape tile;
    private final FunctionalCapsNet.Mode mode;
    private final int batch;
    private final float[] classCapsules;
    private final float[] lengths;
    private final int[] predicted;
    private final float[] reconstructions;
    private final List<LayerOps> layers;

    ForwardResult(CapsNetSpec spec, TileShape tile, FunctionalCapsNet.Mode mode, int batch,
            float[] classCapsules, float[] lengths, int[] predicted, float[] reconstructions,
            List<LayerOps> layers) {
        this.spec = spec;
        this.tile = tile;
        this.mode = mode;
        this.batch = batch;
        this.classCapsules = classCapsules;
        this.lengths = lengths;
        this.predicted = predicted;
        this.reconstructions = reconstructions;
        this.layers = List.copyOf(layers);
    }

    public FunctionalCapsNet.Mode mode() {
        return mode;
    }

    public int batch() {
        return batch;
    }

    public TileShape tile() {
        return tile;
    }

    /** Class capsules {@code v}, {@code [batch][J][dOut]} flattened (a copy). */
    public float[] classCapsules() {
        return classCapsules.clone();
    }

    /** Capsule lengths {@code |v_j|}, {@code [batch][J]} flattened (a copy). */
    public float[] lengths() {
        return lengths.clone();
    }

    /** Predicted class per image, the longest class capsule (a copy). */
    public int[] predicted() {
        return predicted.clone();
    }

    /** Decoder outputs, {@code [batch][H*W*C]} flattened, in [0, 1] (a copy). */
    public float[] reconstructions() {
        return reconstructions.clone();
    }

    public List<LayerOps> layers() {
        return layers;
    }

    /** Returns the named layer's counts. */
    public LayerOps layer(String name) {
        return layers.stream().filter(l -> l.layer().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown layer \"" + name
                        + "\"; layers: " + CapsNetSpec.LAYERS));
    }

    public long executedMacs() {
        return layers.stream().mapToLong(LayerOps::executedMacs).sum();
    }

    public long usefulMacs() {
        return layers.stream().mapToLong(LayerOps::usefulMacs).sum();
    }

    public long paddedSlots() {
        return layers.stream().mapToLong(LayerOps::paddedSlots).sum();
    }

    /** Measured zero-activation fractions per layer, for {@link Execution#ZERO_SKIPPING}. */
    public ZeroFractions zeroFractions() {
        ZeroFractions z = ZeroFractions.none();
        for (LayerOps l : layers) {
            z = z.with(l.layer(), l.zeroFraction());
        }
        return z;
    }

    /**
     * Largest absolute difference over class capsules and reconstructions between two passes on
     * the same images; 0 when the outputs are equal.
     */
    public double maxAbsDifference(ForwardResult other) {
        if (other.batch != batch || !other.spec.equals(spec)) {
            throw new IllegalArgumentException("results differ in network or batch (" + spec.name() + "/"
                    + batch + " against " + other.spec.name() + "/" + other.batch + ")");
        }
        double max = 0;
        for (int i = 0; i < classCapsules.length; i++) {
            max = Math.max(max, Math.abs(classCapsules[i] - other.classCapsules[i]));
        }
        for (int i = 0; i < reconstructions.length; i++) {
            max = Math.max(max, Math.abs(reconstructions[i] - other.reconstructions[i]));
        }
        return max;
    }

    /** Fraction of images whose prediction equals {@code labels[start + b]}. */
    public double accuracy(int[] labels) {
        if (labels.length != batch) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries for a batch of " + batch);
        }
        int hits = 0;
        for (int b = 0; b < batch; b++) {
            hits += predicted[b] == labels[b] ? 1 : 0;
        }
        return (double) hits / batch;
    }

    /** Returns one row per layer with the measured counts. */
    public Table toTable() {
        Table t = Table.create(spec.name() + " functional pass, " + mode + ", " + tile.name() + ", batch " + batch,
                StringColumn.create("layer"), LongColumn.create("useful_macs"), LongColumn.create("padded_slots"),
                LongColumn.create("executed_macs"), LongColumn.create("padding_skipped"),
                LongColumn.create("zero_skipped"), DoubleColumn.create("zero_activation_fraction"));
        for (LayerOps l : layers) {
            t.stringColumn("layer").append(l.layer());
            t.longColumn("useful_macs").append(l.usefulMacs());
            t.longColumn("padded_slots").append(l.paddedSlots());
            t.longColumn("executed_macs").append(l.executedMacs());
            t.longColumn("padding_skipped").append(l.paddingSkipped());
            t.longColumn("zero_skipped").append(l.zeroSkipped());
            t.doubleColumn("zero_activation_fraction").append(l.zeroFraction());
        }
        return t;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s pass of %s on %s, batch %d: executed %,d of %,d padded slots"
                        + " (%,d useful MACs)", mode, spec.name(), tile.name(), batch, executedMacs(),
                paddedSlots(), usefulMacs());
    }
}
