package io.github.archmodels.capsule;

/**
 * Time and energy of one layer under one {@link Execution}.
 *
 * @param layer layer name
 * @param usefulMacs MACs the layer needs
 * @param issuedSlots slots the padded tiles issue
 * @param executedMacs multiply slots that draw energy under this execution
 * @param cycles tensor-core cycles, compute-bound
 * @param seconds {@code cycles / clock}
 * @param computeJoules {@code executedMacs * fmaJoules}
 * @param detectJoules zero-detection energy
 * @param memoryJoules operand reads and result writes
 * @param specialFunctionJoules softmax and squash
 * @param staticJoules {@code staticWatts * seconds}
 */
public record LayerEnergy(String layer, long usefulMacs, long issuedSlots, long executedMacs,
        double cycles, double seconds, double computeJoules, double detectJoules,
        double memoryJoules, double specialFunctionJoules, double staticJoules) {

    /** Sum of the five energy parts. */
    public double totalJoules() {
        return computeJoules + detectJoules + memoryJoules + specialFunctionJoules + staticJoules;
    }
}
