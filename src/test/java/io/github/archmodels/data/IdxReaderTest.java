package io.github.archmodels.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    /** Writes an IDX header (magic then sizes) followed by {@code data}. */
    private static byte[] idx(int magic, int[] sizes, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int s : sizes) {
            out.writeInt(s);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        if (name.endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(content);
            }
        } else {
            Files.write(file, content);
        }
        return file;
    }

    @Test
    void readsPlainAndGzip() throws IOException {
        byte[] data = {1, 2, 3, 4, 5, (byte) 200};
        byte[] content = idx(0x00000803, new int[] {1, 2, 3}, data);
        for (String name : new String[] {"images.idx", "images.idx.gz"}) {
            IdxReader.IdxArray a = IdxReader.read(write(name, content), 3);
            assertArrayEquals(new int[] {1, 2, 3}, a.shape(), name);
            assertArrayEquals(data, a.data(), name);
            assertEquals(200, a.unsignedAt(5), name);
        }
    }

    @Test
    void badMagicRejected() throws IOException {
        Path file = write("bad.idx", idx(0x12345678, new int[] {2}, new byte[2]));
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(file, 1));
        assertTrue(e.getMessage().contains("0x12345678"), e.getMessage());
        assertTrue(e.getMessage().contains("bad.idx"), e.getMessage());
    }

    @Test
    void floatTypeRejected() throws IOException {
        // Type 0x0D (float) is valid IDX but not what the MNIST files use.
        Path file = write("float.idx", idx(0x00000D01, new int[] {1}, new byte[4]));
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(file, 1));
        assertTrue(e.getMessage().contains("0x00000D01"), e.getMessage());
    }

    @Test
    void truncatedDataRejected() throws IOException {
        Path file = write("short.idx.gz", idx(0x00000803, new int[] {2, 28, 28}, new byte[1000]));
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(file, 3));
        assertTrue(e.getMessage().contains("1568"), e.getMessage());
        assertTrue(e.getMessage().contains("1000"), e.getMessage());
    }

    @Test
    void truncatedHeaderRejected() throws IOException {
        Path file = write("header.idx", new byte[] {0, 0, 8, 3, 0, 0, 0, 2});
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(file, 3));
        assertTrue(e.getMessage().contains("dimension 1"), e.getMessage());
        Path empty = write("empty.idx", new byte[] {0, 0});
        e = assertThrows(IOException.class, () -> IdxReader.read(empty, 1));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void wrongDimensionsRejected() throws IOException {
        Path file = write("labels.idx", idx(0x00000801, new int[] {3}, new byte[3]));
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(file, 3));
        assertTrue(e.getMessage().contains("1 dimensions, expected 3"), e.getMessage());
    }

    @Test
    void zeroSizeRejected() throws IOException {
        Path file = write("zero.idx", idx(0x00000801, new int[] {0}, new byte[0]));
        IOException e = assertThrows(IOException.class, () -> IdxReader.read(file, 1));
        assertTrue(e.getMessage().contains("size 0"), e.getMessage());
    }

    @Test
    void shippedTestSplitReads() throws IOException {
        FashionMnist test = FashionMnist.shippedTestSplit(Path.of("data"));
        assertEquals(10_000, test.size());
        float[] image = test.image(0);
        assertEquals(FashionMnist.PIXELS, image.length);
        for (float p : image) {
            assertTrue(p >= 0, "pixel below 0");
            assertTrue(p <= 1, "pixel above 1");
        }
    }
}
