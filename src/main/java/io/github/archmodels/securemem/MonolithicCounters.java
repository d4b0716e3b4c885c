package io.github.archmodels.securemem;

/** 64-bit counters, eight per 64-byte line, little-endian. */
final class MonolithicCounters implements CounterLayout {

    private final int perLine;

    MonolithicCounters(int blockBytes) {
        this.perLine = blockBytes / 8;
    }

    @Override
    public Scheme scheme() {
        return Scheme.monolithic();
    }

    @Override
    public int blocksPerLine() {
        return perLine;
    }

    @Override
    public long counter(long block, byte[] line) {
        return LineBits.get(line, 64L * (block % perLine), 64);
    }

    @Override
    public LineWrite write(long block, byte[] line, EventCounter events) {
        long offset = 64L * (block % perLine);
        long value = LineBits.get(line, offset, 64);
        if (value == -1L) {
            events.overflows++;
            return LineWrite.OVERFLOW;
        }
        LineBits.set(line, offset, 64, value + 1);
        events.counterIncrements++;
        return LineWrite.UPDATED;
    }
}
