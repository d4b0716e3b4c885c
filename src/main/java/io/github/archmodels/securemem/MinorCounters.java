package io.github.archmodels.securemem;

/**
 * A 64-bit major counter in the first 8 bytes of a line, then one {@code minorBits}-bit minor per
 * block. A block's counter is {@code major * 2^minorBits + minor}. When a minor would reach
 * {@code 2^minorBits}, the major is incremented and every minor of the line is zeroed, so all the
 * line's blocks get a new counter and the other blocks must be re-encrypted. Split counters use
 * 7-bit minors (64 per line), the uniform morphable format 3-bit minors (128 per line).
 */
final class MinorCounters implements CounterLayout {

    private final Scheme scheme;
    private final int minorBits;
    private final int perLine;

    MinorCounters(Scheme scheme, int blockBytes, int minorBits) {
        this.scheme = scheme;
        this.minorBits = minorBits;
        this.perLine = (int) scheme.blocksPerLeafLine(blockBytes, 8);
    }

    @Override
    public Scheme scheme() {
        return scheme;
    }

    @Override
    public int blocksPerLine() {
        return perLine;
    }

    @Override
    public long counter(long block, byte[] line) {
        long major = LineBits.get(line, 0, 64);
        long minor = LineBits.get(line, 64 + (long) minorBits * (block % perLine), minorBits);
        return (major << minorBits) | minor;
    }

    @Override
    public LineWrite write(long block, byte[] line, EventCounter events) {
        long offset = 64 + (long) minorBits * (block % perLine);
        long minor = LineBits.get(line, offset, minorBits);
        events.counterIncrements++;
        if (minor + 1 < (1L << minorBits)) {
            LineBits.set(line, offset, minorBits, minor + 1);
            return LineWrite.UPDATED;
        }
        long major = LineBits.get(line, 0, 64);
        // The seed keeps major * 2^minorBits in 64 bits, so the major has 64 - minorBits usable bits.
        if (major + 1 >= 1L << (64 - minorBits)) {
            events.overflows++;
            events.counterIncrements--;
            return LineWrite.OVERFLOW;
        }
        LineBits.set(line, 0, 64, major + 1);
        for (int i = 0; i < perLine; i++) {
            LineBits.set(line, 64 + (long) minorBits * i, minorBits, 0);
        }
        events.minorOverflows++;
        events.reencryptedBlocks += perLine - 1;
        return LineWrite.UPDATED_REENCRYPT_LINE;
    }
}
