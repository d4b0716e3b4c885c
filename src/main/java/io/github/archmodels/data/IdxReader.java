package io.github.archmodels.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reader for the IDX format of the MNIST family of data sets (LeCun et al., "The MNIST database",
 * http://yann.lecun.com/exdb/mnist/, format section).
 *
 * <p>An IDX file starts with a 4-byte magic number {@code 0x00 0x00 TYPE DIMS}, where TYPE
 * {@code 0x08} means unsigned bytes (the only type the image and label files use) and DIMS is the
 * number of dimensions. DIMS big-endian 32-bit sizes follow, then the data in row-major order.
 * Files ending in {@code .gz} are decompressed on the fly.
 */
public final class IdxReader {

    /** Data type code of unsigned bytes, the only type MNIST-style files use. */
    static final int TYPE_UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /**
     * Reads an IDX file of unsigned bytes.
     *
     * @param file an IDX file, plain or gzip-compressed (name ending in {@code .gz})
     * @param expectedDims the number of dimensions the caller needs (1 for labels, 3 for images)
     * @return the dimensions and the raw bytes
     * @throws IOException if the file cannot be read, has a bad magic number, the wrong number of
     *     dimensions, or fewer data bytes than its header declares
     */
    public static IdxArray read(Path file, int expectedDims) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                InputStream buffered = new BufferedInputStream(raw, 1 << 16);
                InputStream in = file.toString().endsWith(".gz")
                        ? new GZIPInputStream(buffered, 1 << 16) : buffered;
                DataInputStream data = new DataInputStream(in)) {
            return read(data, file.toString(), expectedDims);
        }
    }

    static IdxArray read(DataInputStream data, String source, int expectedDims) throws IOException {
        int magic;
        try {
            magic = data.readInt();
        } catch (EOFException e) {
            throw new IOException(source + ": file is shorter than the 4-byte IDX magic number", e);
        }
        int zeros = magic >>> 16;
        int type = (magic >>> 8) & 0xFF;
        int dims = magic & 0xFF;
        if (zeros != 0 || type != TYPE_UNSIGNED_BYTE) {
            throw new IOException(String.format(
                    "%s: bad IDX magic number 0x%08X; expected 0x000008%02X (unsigned bytes, %d dimensions)."
                            + " Is this an MNIST-style IDX file?",
                    source, magic, expectedDims, expectedDims));
        }
        if (dims != expectedDims) {
            throw new IOException(source + ": IDX file has " + dims + " dimensions, expected "
                    + expectedDims);
        }
        int[] shape = new int[dims];
        long total = 1;
        for (int i = 0; i < dims; i++) {
            try {
                shape[i] = data.readInt();
            } catch (EOFException e) {
                throw new IOException(source + ": truncated IDX header, size of dimension " + i
                        + " is missing", e);
            }
            if (shape[i] <= 0) {
                throw new IOException(source + ": IDX dimension " + i + " has size " + shape[i]
                        + "; sizes must be positive");
            }
            total *= shape[i];
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IOException(source + ": IDX data of " + total + " bytes is too large for one array");
        }
        byte[] bytes = new byte[(int) total];
        int read = data.readNBytes(bytes, 0, bytes.length);
        if (read != bytes.length) {
            throw new IOException(source + ": truncated IDX data, header declares " + total
                    + " bytes but only " + read + " follow");
        }
        return new IdxArray(shape, bytes);
    }

    /**
     * The contents of an IDX file.
     *
     * @param shape size of each dimension, outermost first
     * @param data the values as unsigned bytes, row-major
     */
    public record IdxArray(int[] shape, byte[] data) {

        /** Returns the value at a flat index as an int in 0..255. */
        public int unsignedAt(int flatIndex) {
            return data[flatIndex] & 0xFF;
        }
    }
}
