package io.github.archmodels.securemem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.US_ASCII);
        return p;
    }

    @Test
    void traceWithoutAccessesRejected() throws IOException {
        Path lackey = file("empty.lackey", "==1== Lackey\nI  0401ab70,3\n");
        IOException e1 = assertThrows(IOException.class, () -> Trace.readLackey(lackey));
        assertTrue(e1.getMessage().contains("empty.lackey: no memory accesses found"), e1.getMessage());
        Path csv = file("empty.csv", "op,address\n");
        IOException e2 = assertThrows(IOException.class, () -> Trace.readCsv(csv));
        assertTrue(e2.getMessage().contains("empty.csv: no memory accesses found"), e2.getMessage());
    }

    @Test
    void lackeyLoadsStoresAndModifies() throws IOException {
        Path p = file("t.lackey", """
                ==123== Lackey, an example Valgrind tool
                ==123==
                I  0401ab70,3
                 L 1fff000538,8
                 S 00166e10,4
                 M 0010c018,8

                """);
        Trace t = Trace.readLackey(p);
        // L -> read, S -> write, M -> read then write; the instruction fetch is skipped.
        assertEquals(4, t.size());
        assertFalse(t.isWrite(0));
        assertEquals(0x1fff000538L, t.address(0));
        assertTrue(t.isWrite(1));
        assertEquals(0x166e10L, t.address(1));
        assertFalse(t.isWrite(2));
        assertTrue(t.isWrite(3));
        assertEquals(0x10c018L, t.address(3));
        assertEquals("t", t.name());
    }

    @Test
    void csvWithHeaderHexAndDecimal() throws IOException {
        Path p = file("t.csv", "op,address\nR,0x40\nw,128\n# comment\nwrite,0X100\nread,0\n");
        Trace t = Trace.read(p);
        assertEquals(4, t.size());
        assertEquals(64, t.address(0));
        assertTrue(t.isWrite(1));
        assertEquals(128, t.address(1));
        assertEquals(256, t.address(2));
        assertEquals(2, t.writeCount());
    }

    @Test
    void gzipFilesAreRead() throws IOException {
        Path p = dir.resolve("t.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write("W,64\nR,64\n".getBytes(StandardCharsets.US_ASCII));
        }
        Trace t = Trace.read(p);
        assertEquals(2, t.size());
        assertEquals("t", t.name());
    }

    private void assertMalformed(String name, String text, String where, String why) throws IOException {
        Path p = file(name, text);
        IOException e = assertThrows(IOException.class, () -> Trace.read(p));
        assertTrue(e.getMessage().contains(p + ":" + where), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void malformedLinesNameFileAndLine() throws IOException {
        assertMalformed("a.csv", "op,address\nR,64\nX,64\n", "3", "unknown op 'X'");
        assertMalformed("b.csv", "R,64,1\n", "1", "expected 2 fields");
        assertMalformed("c.csv", "R,abc\n", "1", "'abc' is not a number");
        assertMalformed("d.csv", "R,-64\n", "1", "negative");
        assertMalformed("e.lackey", "==1== x\n L 00ff,4\n Q 00ff,4\n", "3", "unknown operation 'Q'");
        assertMalformed("f.lackey", " L zz12,4\n", "1", "not hexadecimal");
        assertMalformed("g.lackey", " L 0012\n", "1", "expected ' L|S|M hexaddress,size'");
        assertMalformed("h.lackey", " S 0012,x\n", "1", "access size 'x'");
    }

    @Test
    void shippedTracesLoad() throws IOException {
        for (String name : new String[] {"wordcount", "sort", "gzip"}) {
            Trace t = Trace.read(Path.of("data/securemem/" + name + ".lackey.gz"));
            assertEquals(name, t.name());
            assertTrue(t.size() > 200_000, name + " has " + t.size());
            assertTrue(t.writeCount() > 50_000, name + " has " + t.writeCount() + " writes");
        }
    }

    @Test
    void foldKeepsBlockOffsets() {
        Trace t = Trace.of("t", new boolean[] {true, false}, new long[] {0x1fff000538L, 100})
                .foldInto(1L << 30);
        assertEquals(0x1fff000538L % (1L << 30), t.address(0));
        assertEquals(100, t.address(1));
        assertEquals(1, t.limit(1).size());
    }

    @Test
    void generatorsAreSeeded() {
        long bytes = 1L << 30;
        Trace a = TraceGenerator.zipf(bytes, 64, 1000, 0.99, 0.5, 1);
        Trace b = TraceGenerator.zipf(bytes, 64, 1000, 0.99, 0.5, 1);
        Trace c = TraceGenerator.zipf(bytes, 64, 1000, 0.99, 0.5, 2);
        boolean differs = false;
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.address(i), b.address(i));
            assertEquals(a.isWrite(i), b.isWrite(i));
            differs |= a.address(i) != c.address(i);
            assertEquals(0, a.address(i) % 64);
            assertTrue(a.address(i) >= 0);
            assertTrue(a.address(i) < bytes);
        }
        assertTrue(differs);
    }

    @Test
    void zipfRankOneIsHottest() {
        // With exponent 1 over 2^24 blocks, rank 1 has probability 1 / H(2^24) ~ 1 / 17.2 = 5.8 %;
        // the hottest block must get about that share and more than any other block.
        Trace t = TraceGenerator.zipf(1L << 30, 64, 100_000, 1.0, 1.0, 4);
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 0; i < t.size(); i++) {
            counts.merge(t.address(i), 1, Integer::sum);
        }
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertEquals(0.058, max / 100_000.0, 0.005);
        assertEquals(1, counts.get(0L) == max ? 1 : 0, "rank 1 maps to block 0");
    }

    @Test
    void streamingAndHotBlocks() {
        Trace s = TraceGenerator.streaming(64 * 10, 64, 25, 3, 0.0, 1);
        // Stride 3 over 10 blocks: 0, 3, 6, 9, 2, 5, ...
        assertEquals(0, s.address(0));
        assertEquals(3 * 64, s.address(1));
        assertEquals(9 * 64, s.address(3));
        assertEquals(2 * 64, s.address(4));
        assertEquals(0, s.writeCount());

        Trace h = TraceGenerator.hotBlocks(1L << 30, 64, 20_000, 4, 0.9, 1.0, 8);
        assertEquals(20_000, h.writeCount());
        // 90 % of accesses hit 4 blocks; the rest land on about 2,000 distinct blocks.
        long distinct = h.distinctBlocks(64);
        assertTrue(distinct > 1900, "distinct " + distinct);
        assertTrue(distinct < 2100, "distinct " + distinct);
        Trace u = TraceGenerator.uniform(1L << 30, 64, 10_000, 0.25, 8);
        assertEquals(0.25, u.writeCount() / 10_000.0, 0.02);
    }
}
