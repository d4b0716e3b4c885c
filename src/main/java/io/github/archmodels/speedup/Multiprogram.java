package io.github.archmodels.speedup;

/**
 * System throughput (STP) and average normalized turnaround time (ANTT) of a multiprogram run
 * (Eyerman and Eeckhout, "System-Level Performance Metrics for Multiprogram Workloads", IEEE Micro
 * 28(3), 2008).
 *
 * <p>Program i takes C_i^SP cycles when it runs alone and C_i^MP cycles when it shares the machine:
 * <ul>
 *   <li>STP = sum C_i^SP / C_i^MP, higher is better, at most n when co-running costs nothing;</li>
 *   <li>ANTT = (1/n) sum C_i^MP / C_i^SP, lower is better, at least 1 in that case.</li>
 * </ul>
 * With IPCs for the same work, C^SP / C^MP = IPC^MP / IPC^SP. A program may run faster when
 * co-scheduled (C^MP below C^SP), so neither is required to exceed the other.
 */
public final class Multiprogram {

    private Multiprogram() {
    }

    /** Returns STP from single-program and multiprogram cycle counts (or times) of the same work. */
    public static double stp(double[] singleProgramCycles, double[] multiprogramCycles) {
        check(singleProgramCycles, multiprogramCycles);
        Means.Sum sum = new Means.Sum();
        for (int i = 0; i < singleProgramCycles.length; i++) {
            sum.add(singleProgramCycles[i] / multiprogramCycles[i]);
        }
        return sum.value();
    }

    /** Returns ANTT from single-program and multiprogram cycle counts (or times) of the same work. */
    public static double antt(double[] singleProgramCycles, double[] multiprogramCycles) {
        check(singleProgramCycles, multiprogramCycles);
        Means.Sum sum = new Means.Sum();
        for (int i = 0; i < singleProgramCycles.length; i++) {
            sum.add(multiprogramCycles[i] / singleProgramCycles[i]);
        }
        return sum.value() / singleProgramCycles.length;
    }

    /** Returns STP from IPCs: sum IPC_i^MP / IPC_i^SP. */
    public static double stpFromIpc(double[] singleProgramIpc, double[] multiprogramIpc) {
        // Cycles for the same work are inversely proportional to IPC.
        return stp(multiprogramIpc, singleProgramIpc);
    }

    /** Returns ANTT from IPCs: (1/n) sum IPC_i^SP / IPC_i^MP. */
    public static double anttFromIpc(double[] singleProgramIpc, double[] multiprogramIpc) {
        return antt(multiprogramIpc, singleProgramIpc);
    }

    private static void check(double[] single, double[] multi) {
        Checks.positiveFinite(single, "singleProgram");
        Checks.positiveFinite(multi, "multiprogram");
        Checks.sameLength(single, "singleProgram", multi, "multiprogram");
    }
}
