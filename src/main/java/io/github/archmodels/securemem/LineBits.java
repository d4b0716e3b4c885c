package io.github.archmodels.securemem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian bit fields inside a line: bit {@code i} is bit {@code i % 8} of byte {@code i / 8}. */
final class LineBits {

    private static final VarHandle LITTLE_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private LineBits() {
    }

    /** Returns the {@code width}-bit field (1..64) starting at bit {@code offset}. */
    static long get(byte[] line, long offset, int width) {
        if (width == 64 && (offset & 7) == 0) {
            return (long) LITTLE_ENDIAN_LONG.get(line, (int) (offset >>> 3));
        }
        long value = 0;
        for (int i = 0; i < width; ) {
            long bit = offset + i;
            int inByte = (int) (bit & 7);
            int take = Math.min(8 - inByte, width - i);
            long part = ((line[(int) (bit >>> 3)] & 0xFF) >>> inByte) & ((1 << take) - 1);
            value |= part << i;
            i += take;
        }
        return value;
    }

    /** Stores the low {@code width} bits of {@code value} at bit {@code offset}. */
    static void set(byte[] line, long offset, int width, long value) {
        if (width == 64 && (offset & 7) == 0) {
            LITTLE_ENDIAN_LONG.set(line, (int) (offset >>> 3), value);
            return;
        }
        for (int i = 0; i < width; ) {
            long bit = offset + i;
            int inByte = (int) (bit & 7);
            int take = Math.min(8 - inByte, width - i);
            int mask = ((1 << take) - 1) << inByte;
            int index = (int) (bit >>> 3);
            int part = (int) ((value >>> i) & ((1 << take) - 1)) << inByte;
            line[index] = (byte) ((line[index] & ~mask) | part);
            i += take;
        }
    }
}
