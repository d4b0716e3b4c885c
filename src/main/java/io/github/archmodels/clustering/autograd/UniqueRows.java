package io.github.archmodels.clustering.autograd;

import java.util.Arrays;

/**
 * A block of rows stored as a table of its distinct rows plus one index per row (eDKM weight
 * uniquification). Rows are compared bit for bit, so the block is rebuilt exactly. The index width
 * follows the number of distinct rows U: 1 byte when U &lt;= 256, 2 bytes when U &lt;= 65,536, else
 * 4 bytes.
 */
public final class UniqueRows {

    private final float[] table;
    private final int cols;
    private final int rows;
    private final int uniqueCount;
    private final byte[] index8;
    private final short[] index16;
    private final int[] index32;

    private UniqueRows(float[] table, int cols, int[] index, int uniqueCount) {
        this.table = table;
        this.cols = cols;
        this.rows = index.length;
        this.uniqueCount = uniqueCount;
        int width = indexBytes(uniqueCount);
        byte[] i8 = null;
        short[] i16 = null;
        int[] i32 = null;
        if (width == 1) {
            i8 = new byte[rows];
            for (int r = 0; r < rows; r++) {
                i8[r] = (byte) index[r];
            }
        } else if (width == 2) {
            i16 = new short[rows];
            for (int r = 0; r < rows; r++) {
                i16[r] = (short) (index[r] - 32768);
            }
        } else {
            i32 = index;
        }
        this.index8 = i8;
        this.index16 = i16;
        this.index32 = i32;
    }

    /** Returns the bytes of one index entry for {@code uniqueCount} distinct rows. */
    public static int indexBytes(long uniqueCount) {
        if (uniqueCount <= 256) {
            return 1;
        }
        return uniqueCount <= 65_536 ? 2 : 4;
    }

    /** Builds the table and index list of rows {@code [rowFrom, rowTo)} of a row-major matrix. */
    public static UniqueRows of(float[] data, int cols, int rowFrom, int rowTo) {
        int n = rowTo - rowFrom;
        int capacity = Integer.highestOneBit(Math.max(2, 2 * n - 1)) << 1;
        int mask = capacity - 1;
        int[] slots = new int[capacity];
        Arrays.fill(slots, -1);
        int[] firstRowOfUnique = new int[n];
        int[] index = new int[n];
        int unique = 0;
        for (int r = 0; r < n; r++) {
            int offset = (rowFrom + r) * cols;
            int slot = hash(data, offset, cols) & mask;
            while (true) {
                int u = slots[slot];
                if (u < 0) {
                    slots[slot] = unique;
                    firstRowOfUnique[unique] = rowFrom + r;
                    index[r] = unique++;
                    break;
                }
                if (sameRow(data, firstRowOfUnique[u] * cols, offset, cols)) {
                    index[r] = u;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        float[] table = new float[unique * cols];
        for (int u = 0; u < unique; u++) {
            System.arraycopy(data, firstRowOfUnique[u] * cols, table, u * cols, cols);
        }
        return new UniqueRows(table, cols, index, unique);
    }

    private static int hash(float[] data, int offset, int cols) {
        int h = 0x9E3779B9;
        for (int c = 0; c < cols; c++) {
            h = (h ^ Float.floatToRawIntBits(data[offset + c])) * 0x01000193;
        }
        return h ^ (h >>> 15);
    }

    private static boolean sameRow(float[] data, int a, int b, int cols) {
        for (int c = 0; c < cols; c++) {
            if (Float.floatToRawIntBits(data[a + c]) != Float.floatToRawIntBits(data[b + c])) {
                return false;
            }
        }
        return true;
    }

    /** Returns the number of distinct rows U. */
    public int uniqueCount() {
        return uniqueCount;
    }

    /** Returns the number of rows in the block. */
    public int rows() {
        return rows;
    }

    /** Returns the bytes of one index entry. */
    public int indexBytes() {
        return indexBytes(uniqueCount);
    }

    /** Returns the accounted bytes: U x cols elements of {@code elementBytes} plus the index list. */
    public long bytes(int elementBytes) {
        return (long) uniqueCount * cols * elementBytes + (long) rows * indexBytes();
    }

    /** Returns the bytes of the Java arrays holding the table (float32) and the index list. */
    public long javaHeapBytes() {
        return 4L * table.length + (long) rows * indexBytes();
    }

    /** Returns the index of the distinct row of row {@code r}. */
    public int indexOf(int r) {
        if (index8 != null) {
            return index8[r] & 0xFF;
        }
        if (index16 != null) {
            return index16[r] + 32768;
        }
        return index32[r];
    }

    /** Writes the rebuilt rows into {@code out} starting at row {@code rowOffset}. */
    public void reconstructInto(float[] out, int rowOffset) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(table, indexOf(r) * cols, out, (rowOffset + r) * cols, cols);
        }
    }
}
