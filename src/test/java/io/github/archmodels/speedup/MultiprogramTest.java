package io.github.archmodels.speedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MultiprogramTest {

    @Test
    void stpAndAnttFromCycles() {
        // SP {100, 200}, MP {150, 250}: STP = 100/150 + 200/250 = 1.466667, ANTT = (1.5 + 1.25) / 2.
        double[] sp = {100, 200};
        double[] mp = {150, 250};
        assertEquals(2.0 / 3 + 0.8, Multiprogram.stp(sp, mp), 1e-12);
        assertEquals(1.375, Multiprogram.antt(sp, mp), 1e-12);
    }

    @Test
    void stpAndAnttFromIpc() {
        // IPC SP {2, 1}, MP {1, 0.8}: STP = 1/2 + 0.8/1 = 1.3, ANTT = (2/1 + 1/0.8) / 2 = 1.625.
        assertEquals(1.3, Multiprogram.stpFromIpc(new double[] {2, 1}, new double[] {1, 0.8}), 1e-12);
        assertEquals(1.625, Multiprogram.anttFromIpc(new double[] {2, 1}, new double[] {1, 0.8}), 1e-12);
    }

    @Test
    void coRunFasterThanAloneIsAllowed() {
        // A program may speed up when co-scheduled (for example through prefetching by a partner).
        assertEquals(1.0 / 0.5, Multiprogram.stp(new double[] {1}, new double[] {0.5}), 1e-12);
        assertEquals(0.5, Multiprogram.antt(new double[] {1}, new double[] {0.5}), 1e-12);
    }
}
