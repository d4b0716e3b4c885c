package io.github.archmodels.capsule;

import java.util.ArrayList;
import java.util.List;

/**
 * First-principles time and energy of a CapsNet forward pass on a tensor-core GPU.
 *
 * <p>Per layer l, with issued slots {@code P_l}, useful MACs {@code U_l}, MMA count {@code Q_l}
 * (from {@link TileShape}) and the chip's tensor-core rate {@code R} FMA per clock:
 * <pre>
 *   cycles_l   = P_l / R                       BASELINE, GATED
 *              = ceil(U_l / V) V / R            PACKED, ZERO_SKIPPING   (V = m n k)
 *   executed_l = P_l                           BASELINE
 *              = U_l                           GATED, PACKED
 *              = U_l (1 - z_l)                 ZERO_SKIPPING  (z_l from {@link ZeroFractions})
 *   E_l = executed_l e_fma + Q_l e_detect [not BASELINE]
 *       + operandElements_l bytesPerElement e_sram + specialOps_l e_sfu + P_static cycles_l / f
 * </pre>
 * Special-function operations are the routing softmax exponentials (charged to routing-sum) and
 * the squash operations (primary capsules to primary-caps, class capsules to routing-sum).
 *
 * <p>Assumptions: every layer is compute-bound on the tensor cores (no memory stalls, no launch
 * overhead), all SMs are busy, and operands move through on-chip SRAM once. This isolates the
 * effect Hafezan and Atoofian name, padded tensor-core slots. It is not a cycle-level
 * simulation. NOTE: the letter's GPU, simulator and energy figures are not public, so the
 * constants here come from the sources named in {@link Gpu} and {@link EnergyCosts}.
 *
 * <pre>{@code
 * EnergyModel model = EnergyModel.of(Gpu.a100());
 * EnergyComparison c = model.compare(CapsNetSpec.mnist(), 64, Execution.BASELINE, Execution.PACKED);
 * c.energySaved();      // 1 - E_packed / E_baseline
 * }</pre>
 *
 * @param gpu throughput and static power
 * @param tile MMA shape every layer uses
 * @param costs per-operation energies
 */
public record EnergyModel(Gpu gpu, TileShape tile, EnergyCosts costs) {

    public EnergyModel {
        if (gpu == null || tile == null || costs == null) {
            throw new IllegalArgumentException("gpu, tile and costs must all be given");
        }
    }

    /** Creates the model on {@code gpu} with WMMA m16n16k16 tiles and the 45 nm energy defaults. */
    public static EnergyModel of(Gpu gpu) {
        return new EnergyModel(gpu, TileShape.wmma16x16x16(), EnergyCosts.horowitz45nm());
    }

    public EnergyModel withGpu(Gpu value) {
        return new EnergyModel(value, tile, costs);
    }

    public EnergyModel withTile(TileShape value) {
        return new EnergyModel(gpu, value, costs);
    }

    public EnergyModel withCosts(EnergyCosts value) {
        return new EnergyModel(gpu, tile, value);
    }

    /** Evaluates one execution with only the structural zeros (the decoder mask). */
    public EnergyReport evaluate(CapsNetSpec spec, int batch, Execution execution) {
        return evaluate(spec, batch, execution, ZeroFractions.structural(spec));
    }

    /** Evaluates one execution; {@code zeros} matter only for {@link Execution#ZERO_SKIPPING}. */
    public EnergyReport evaluate(CapsNetSpec spec, int batch, Execution execution, ZeroFractions zeros) {
        double rate = gpu.fmaPerClock();
        long volume = tile.volume();
        List<LayerEnergy> layers = new ArrayList<>();
        for (Gemm g : GemmMapping.of(spec, batch)) {
            long useful = g.usefulMacs();
            long issued = tile.issuedSlots(g);
            long mmas = tile.mmaCount(g);
            long packed = TileShape.roundUp(useful, volume);

            double cycles = switch (execution) {
                case BASELINE, GATED -> issued / rate;
                case PACKED, ZERO_SKIPPING -> packed / rate;
            };
            long executed = switch (execution) {
                case BASELINE -> issued;
                case GATED, PACKED -> useful;
                case ZERO_SKIPPING -> Math.round(useful * (1 - zeros.of(g.layer())));
            };
            double seconds = cycles / gpu.clockHertz();

            double compute = executed * costs.fmaJoules();
            double detect = execution == Execution.BASELINE ? 0 : mmas * costs.zeroDetectJoulesPerMma();
            double memory = (double) g.operandElements() * costs.bytesPerElement() * costs.sramJoulesPerByte();
            double special = specialOperations(spec, batch, g.layer()) * costs.specialFunctionJoules();
            double stat = gpu.staticWatts() * seconds;
            layers.add(new LayerEnergy(g.layer(), useful, issued, executed, cycles, seconds, compute,
                    detect, memory, special, stat));
        }
        return new EnergyReport(spec, batch, gpu, tile, execution, layers);
    }

    private static double specialOperations(CapsNetSpec spec, int batch, String layer) {
        long nIn = spec.inputCapsules();
        return switch (layer) {
            case "primary-caps" -> (double) nIn * spec.primaryDim() * batch;
            case "routing-sum" -> ((double) spec.softmaxExponentials()
                    + (double) spec.routingIterations() * spec.classes() * spec.digitDim()) * batch;
            default -> 0;
        };
    }

    /** Evaluates two executions of the same network and batch. */
    public EnergyComparison compare(CapsNetSpec spec, int batch, Execution baseline, Execution target) {
        return new EnergyComparison(evaluate(spec, batch, baseline), evaluate(spec, batch, target));
    }

    /** As {@link #compare(CapsNetSpec, int, Execution, Execution)}, with measured zero fractions. */
    public EnergyComparison compare(CapsNetSpec spec, int batch, Execution baseline, Execution target,
            ZeroFractions zeros) {
        return new EnergyComparison(evaluate(spec, batch, baseline, zeros), evaluate(spec, batch, target, zeros));
    }
}
