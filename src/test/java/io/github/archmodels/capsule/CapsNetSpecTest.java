package io.github.archmodels.capsule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CapsNetSpecTest {

    private static long mac(CapsNetSpec spec, String layer) {
        return spec.layerCosts().stream().filter(c -> c.layer().equals(layer)).findFirst().orElseThrow().macs();
    }

    @Test
    void mnistCapsulesAndMacs() {
        CapsNetSpec s = CapsNetSpec.mnist();
        // g1 = 28 - 9 + 1 = 20; g2 = (20 - 9) / 2 + 1 = 6; nIn = 32 * 6 * 6 = 1152.
        assertEquals(20, s.conv1Height());
        assertEquals(6, s.primaryHeight());
        assertEquals(1152, s.inputCapsules());
        // Conv1: 400 positions * 256 filters * 81 taps * 1 channel = 8,294,400.
        assertEquals(8_294_400L, mac(s, "conv1"));
        // PrimaryCaps: 36 positions * 256 channels * 81 * 256 = 191,102,976.
        assertEquals(191_102_976L, mac(s, "primary-caps"));
        // Prediction: 1152 * 10 * 16 * 8 = 1,474,560.
        assertEquals(1_474_560L, mac(s, "prediction"));
        // Routing with r = 3: 3 sums + 2 agreements, each 1152 * 160 = 184,320.
        assertEquals(552_960L, mac(s, "routing-sum"));
        assertEquals(368_640L, mac(s, "agreement"));
        // Decoder: 160 * 512 + 512 * 1024 + 1024 * 784 = 81,920 + 524,288 + 802,816.
        assertEquals(81_920L, mac(s, "decoder-fc1"));
        assertEquals(802_816L, mac(s, "decoder-fc3"));
    }

    @Test
    void mnistParameters() {
        // Conv1 81*256 + 256 = 20,992; PrimaryCaps 81*256*256 + 256 = 5,308,672;
        // DigitCaps 1152*10*16*8 = 1,474,560; decoder 160*512+512 + 512*1024+1024 + 1024*784+784
        // = 1,411,344. Sum 8,215,568.
        assertEquals(8_215_568L, CapsNetSpec.mnist().totalParameters());
        // Without the decoder weights of the 144 masked inputs: 8,215,568 - 144 * 512 = 8,141,840,
        // the figure some implementations report.
        assertEquals(8_141_840L, CapsNetSpec.mnist().totalParameters() - 144L * 512);
    }

    @Test
    void colourAndStereoPresets() {
        CapsNetSpec svhn = CapsNetSpec.svhn();
        // g1 = 24, g2 = (24 - 9) / 2 + 1 = 8, nIn = 32 * 64 = 2048.
        assertEquals(2048, svhn.inputCapsules());
        // Conv1: 576 * 256 * 81 * 3 = 35,831,808.
        assertEquals(35_831_808L, mac(svhn, "conv1"));
        // PrimaryCaps: 64 * 256 * 81 * 256 = 339,738,624.
        assertEquals(339_738_624L, mac(svhn, "primary-caps"));
        assertEquals(2048, CapsNetSpec.cifar10().inputCapsules());
        CapsNetSpec norb = CapsNetSpec.smallNorb();
        // Conv1: 576 * 256 * 81 * 2 = 23,887,872; prediction 2048 * 5 * 16 * 8 = 1,310,720.
        assertEquals(23_887_872L, mac(norb, "conv1"));
        assertEquals(1_310_720L, mac(norb, "prediction"));
        // smallNORB parameters: 81*2*256+256 = 41,728; 5,308,672; 2048*5*128 = 1,310,720;
        // 80*512+512 + 525,312 + 1024*2048+2048 = 41,472 + 525,312 + 2,099,200. Total 9,327,104.
        assertEquals(9_327_104L, norb.totalParameters());
    }

    @Test
    void customCropWithMoreTypes() {
        CapsNetSpec crop = CapsNetSpec.custom("cifar24", 24, 24, 3, 10).withPrimaryTypes(64);
        // g1 = 16, g2 = (16 - 9) / 2 + 1 = 4, nIn = 64 * 16 = 1024.
        assertEquals(1024, crop.inputCapsules());
        // Conv1 256 * 256 * 81 * 3 = 15,925,248.
        assertEquals(15_925_248L, mac(crop, "conv1"));
        // Parameters: 62,464 + (81*256*512 + 512 = 10,617,344) + 1,310,720 + (81,920 + 512
        // + 525,312 + 1024 * 1728 + 1728 = 2,378,944) = 14,369,472.
        assertEquals(14_369_472L, crop.totalParameters());
    }

    @Test
    void byNameIgnoresCaseAndDashes() {
        assertEquals(CapsNetSpec.fashionMnist(), CapsNetSpec.byName("Fashion_MNIST"));
        assertEquals(CapsNetSpec.smallNorb(), CapsNetSpec.byName("smallNORB"));
    }

    @Test
    void unknownPresetRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CapsNetSpec.byName("imagenet"));
        assertTrue(e.getMessage().contains("imagenet"), e.getMessage());
        assertTrue(e.getMessage().contains("fashion-mnist"), e.getMessage());
    }

    @Test
    void nonPositiveSizesRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CapsNetSpec.mnist().withClasses(0));
        assertTrue(e.getMessage().contains("classes = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CapsNetSpec.mnist().withInput(28, -3, 1));
        assertTrue(e.getMessage().contains("width = -3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CapsNetSpec.mnist().withRoutingIterations(0));
        assertTrue(e.getMessage().contains("routingIterations = 0"), e.getMessage());
    }

    @Test
    void inputTooSmallForCapsules() {
        // Two 9 x 9 VALID convolutions need at least 17 pixels per side.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CapsNetSpec.custom("tiny", 16, 28, 1, 10));
        assertTrue(e.getMessage().contains("16 x 28"), e.getMessage());
        assertEquals(32, CapsNetSpec.custom("edge", 17, 17, 1, 10).inputCapsules());
    }

    @Test
    void tableHasOneRowPerLayer() {
        assertEquals(CapsNetSpec.LAYERS.size(), CapsNetSpec.mnist().toTable().rowCount());
        assertEquals(5, CapsNetSpec.toTable(CapsNetSpec.presets()).rowCount());
    }
}
