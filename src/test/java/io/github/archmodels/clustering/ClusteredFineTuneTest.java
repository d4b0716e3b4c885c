package io.github.archmodels.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusteredFineTuneTest {

    @Test
    void smallRunOnShippedSplit() throws IOException {
        // The shipped test split only, so the run does not depend on Debian's package.
        ClusteredFineTune.Data data = ClusteredFineTune.load(Path.of("data"), 3000, Optional.empty());
        assertEquals(3000, data.train().size());
        assertEquals(2000, data.heldOut().size());
        ClusteredFineTune.Options options = ClusteredFineTune.Options.defaults().withHidden(32)
                .withTrainImages(3000).withEpochs(1).withBits(List.of(2, 4));
        ClusteredFineTune.Result r = ClusteredFineTune.run(data, options);
        // Ten classes: chance is 0.1; a trained MLP is far above it.
        assertTrue(r.floatAccuracy() > 0.6, "float accuracy " + r.floatAccuracy());
        for (ClusteredFineTune.BitsRow row : r.bits()) {
            assertTrue(row.dkmAccuracy() > 0.5, row.bits() + "-bit accuracy " + row.dkmAccuracy());
        }
        // Palettized bytes grow with bits: 2-bit indices take half the space of 4-bit ones.
        assertTrue(r.bits().get(0).packedBytes() < r.bits().get(1).packedBytes());
        for (ClusteredFineTune.MemoryRow row : r.memory()) {
            assertTrue(row.sameGradient(), row.policy().label());
        }
        // Without uniquification the model is exact.
        for (int i = 0; i < 3; i++) {
            assertEquals(r.memory().get(i).modelBytes(), r.memory().get(i).measured().heldBytes());
        }
        assertEquals(2, r.accuracyTable().rowCount());
        assertTrue(r.accuracyTable().columnNames().contains("dkm_accuracy"));
    }
}
