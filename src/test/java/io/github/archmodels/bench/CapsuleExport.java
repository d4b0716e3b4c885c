package io.github.archmodels.bench;

import io.github.archmodels.capsule.CapsNetSpec;
import io.github.archmodels.capsule.CapsNetWeights;
import io.github.archmodels.capsule.ForwardResult;
import io.github.archmodels.capsule.FunctionalCapsNet;
import io.github.archmodels.capsule.TileShape;
import io.github.archmodels.data.FashionMnist;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the functional CapsNet's seeded weights, a batch of Fashion-MNIST test images and the
 * Java outputs as little-endian float32 files, for the PyTorch peer in {@code bench/capsule/}.
 *
 * <p>Usage: {@code CapsuleExport [outputDir [batch]]}, defaults {@code target/capsule-peer} and 64.
 * Files: {@code weights.f32} (the arrays of {@link CapsNetWeights#arrays()} one after another),
 * {@code images.f32} ({@code [batch][784]}), {@code class_capsules.f32} ({@code [batch][10][16]}),
 * {@code reconstructions.f32} ({@code [batch][784]}), {@code predicted.txt}.
 */
public final class CapsuleExport {

    /** Seed of the exported weights; the JMH benchmark uses the same. */
    public static final long SEED = 2024;

    private CapsuleExport() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/capsule-peer");
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Files.createDirectories(out);
        CapsNetWeights weights = CapsNetWeights.seeded(CapsNetSpec.fashionMnist(), SEED);
        float[] images = FunctionalCapsNet.images(FashionMnist.shippedTestSplit(Path.of("data")), 0, batch);
        ForwardResult result = FunctionalCapsNet.of(weights, TileShape.wmma16x16x16())
                .forward(images, batch, FunctionalCapsNet.Mode.ELIMINATED);

        int total = 0;
        for (float[] a : weights.arrays()) {
            total += a.length;
        }
        float[] all = new float[total];
        int offset = 0;
        for (float[] a : weights.arrays()) {
            System.arraycopy(a, 0, all, offset, a.length);
            offset += a.length;
        }
        write(out.resolve("weights.f32"), all);
        write(out.resolve("images.f32"), images);
        write(out.resolve("class_capsules.f32"), result.classCapsules());
        write(out.resolve("reconstructions.f32"), result.reconstructions());
        StringBuilder predicted = new StringBuilder();
        for (int p : result.predicted()) {
            predicted.append(p).append('\n');
        }
        Files.writeString(out.resolve("predicted.txt"), predicted);
        System.out.println("Wrote " + batch + " images, " + total + " weights and the Java outputs to " + out);
    }

    private static void write(Path file, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        Files.write(file, buffer.array());
    }
}
