package io.github.archmodels.securemem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LineBitsTest {

    @Test
    void fieldsRoundTripWithoutTouchingNeighbours() {
        // Property: writing a field returns its low bits on read, and every other bit of the line
        // keeps its value (checked against a bit-by-bit reference).
        SplittableRandom random = new SplittableRandom(9);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] line = new byte[64];
            random.nextBytes(line);
            byte[] before = line.clone();
            int width = 1 + random.nextInt(64);
            long offset = random.nextInt(512 - width + 1);
            if (trial % 4 == 0) {
                width = 64;
                offset = 8L * random.nextInt(8);
            }
            long value = random.nextLong();
            LineBits.set(line, offset, width, value);
            long mask = width == 64 ? -1L : (1L << width) - 1;
            assertEquals(value & mask, LineBits.get(line, offset, width), "width " + width + " offset " + offset);
            for (int bit = 0; bit < 512; bit++) {
                int actual = (line[bit >>> 3] >>> (bit & 7)) & 1;
                int expected = bit >= offset && bit < offset + width
                        ? (int) ((value >>> (bit - offset)) & 1) : (before[bit >>> 3] >>> (bit & 7)) & 1;
                assertEquals(expected, actual, "bit " + bit);
            }
        }
    }

    @Test
    void littleEndianLayout() {
        // 0x0102 stored at bit 0 as 16 bits: byte 0 = 0x02, byte 1 = 0x01.
        byte[] line = new byte[64];
        LineBits.set(line, 0, 16, 0x0102);
        assertEquals(0x02, line[0]);
        assertEquals(0x01, line[1]);
        // A 64-bit field at byte 8 uses the fast path and the same byte order.
        LineBits.set(line, 64, 64, 0x0807060504030201L);
        assertEquals(0x01, line[8]);
        assertEquals(0x08, line[15]);
        // 4-bit index 5 at block slot 3: bits 12..15 -> high nibble of byte 1 (0x01 | 0x50).
        LineBits.set(line, 12, 4, 5);
        assertEquals(0x51, line[1]);
    }
}
