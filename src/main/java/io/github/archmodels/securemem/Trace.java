package io.github.archmodels.securemem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * An immutable memory trace: a sequence of reads and writes to byte addresses.
 *
 * <p>Readers: {@link #readLackey} for valgrind's {@code --tool=lackey --trace-mem=yes} output and
 * {@link #readCsv} for {@code op,address} CSV; both read gzip files when the name ends in
 * {@code .gz}. Generators are in {@link TraceGenerator}.
 */
public final class Trace {

    private final String name;
    private final boolean[] writes;
    private final long[] addresses;

    private Trace(String name, boolean[] writes, long[] addresses) {
        this.name = name;
        this.writes = writes;
        this.addresses = addresses;
    }

    /** Creates a trace from parallel arrays (copied): {@code writes[i]} true for a write. */
    public static Trace of(String name, boolean[] writes, long[] addresses) {
        if (writes.length != addresses.length) {
            throw new IllegalArgumentException("writes has " + writes.length + " entries but addresses has "
                    + addresses.length + "; they must be the same length");
        }
        for (int i = 0; i < addresses.length; i++) {
            if (addresses[i] < 0) {
                throw new IllegalArgumentException("address " + addresses[i] + " at position " + i
                        + " is negative");
            }
        }
        return new Trace(name, writes.clone(), addresses.clone());
    }

    public String name() {
        return name;
    }

    /** Returns the number of accesses. */
    public int size() {
        return addresses.length;
    }

    /** Returns whether access {@code i} is a write. */
    public boolean isWrite(int i) {
        return writes[i];
    }

    /** Returns the byte address of access {@code i}. */
    public long address(int i) {
        return addresses[i];
    }

    /** Returns the number of writes. */
    public long writeCount() {
        long n = 0;
        for (boolean w : writes) {
            if (w) {
                n++;
            }
        }
        return n;
    }

    /** Returns the number of distinct blocks of {@code blockBytes} touched. */
    public long distinctBlocks(int blockBytes) {
        return Arrays.stream(addresses).map(a -> a / blockBytes).distinct().count();
    }

    /**
     * Returns the trace with every address taken modulo {@code protectedBytes}, so a process's
     * virtual addresses fit a smaller protected memory. Blocks stay blocks when
     * {@code protectedBytes} is a multiple of the block size; distinct far-apart addresses may
     * fold onto the same block.
     */
    public Trace foldInto(long protectedBytes) {
        if (protectedBytes <= 0) {
            throw new IllegalArgumentException("protectedBytes is " + protectedBytes + "; it must be positive");
        }
        long[] folded = new long[addresses.length];
        for (int i = 0; i < folded.length; i++) {
            folded[i] = Math.floorMod(addresses[i], protectedBytes);
        }
        return new Trace(name, writes, folded);
    }

    /** Returns the first {@code n} accesses (or all, if fewer). */
    public Trace limit(int n) {
        int m = Math.min(n, addresses.length);
        return new Trace(name, Arrays.copyOf(writes, m), Arrays.copyOf(addresses, m));
    }

    /** Returns the same accesses under another name. */
    public Trace withName(String newName) {
        return new Trace(newName, writes, addresses);
    }

    /** Returns one row per access: {@code op} (R or W) and {@code address}. */
    public Table toTable() {
        StringColumn op = StringColumn.create("op");
        LongColumn address = LongColumn.create("address");
        for (int i = 0; i < addresses.length; i++) {
            op.append(writes[i] ? "W" : "R");
            address.append(addresses[i]);
        }
        return Table.create(name, op, address);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Trace %s: %d accesses, %d writes, %d distinct 64-byte blocks",
                name, size(), writeCount(), distinctBlocks(64));
    }

    /**
     * Reads valgrind lackey output ({@code valgrind --tool=lackey --trace-mem=yes}). Data lines
     * are {@code " L addr,size"} (load), {@code " S addr,size"} (store) and {@code " M addr,size"}
     * (modify: a load then a store), with a hexadecimal address. Instruction fetches
     * ({@code "I  addr,size"}), {@code ==pid==} log lines and blank lines are skipped. An access
     * that straddles two blocks counts for its first byte's block only.
     *
     * @throws IOException naming the file and line of the first malformed line
     */
    public static Trace readLackey(Path file) throws IOException {
        Builder out = new Builder();
        try (BufferedReader in = open(file)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank() || line.startsWith("==") || line.startsWith("I ")) {
                    continue;
                }
                String body = line.strip();
                int comma = body.indexOf(',');
                if (body.length() < 3 || body.charAt(1) != ' ' || comma < 0) {
                    throw malformed(file, lineNo, line, "expected ' L|S|M hexaddress,size'");
                }
                char op = body.charAt(0);
                long address = parseHex(file, lineNo, line, body.substring(2, comma).strip());
                parseSize(file, lineNo, line, body.substring(comma + 1).strip());
                switch (op) {
                    case 'L' -> out.add(false, address);
                    case 'S' -> out.add(true, address);
                    case 'M' -> {
                        out.add(false, address);
                        out.add(true, address);
                    }
                    default -> throw malformed(file, lineNo, line, "unknown operation '" + op
                            + "'; lackey data lines start with L, S or M");
                }
            }
        }
        return out.buildFrom(file, "lackey data lines (' L|S|M hexaddress,size')");
    }

    /**
     * Reads a CSV trace of {@code op,address} lines, with an optional header line. {@code op} is
     * {@code R}, {@code W}, {@code read} or {@code write} (any case); {@code address} is decimal or
     * {@code 0x} hexadecimal. Lines starting with {@code #} and blank lines are skipped.
     *
     * @throws IOException naming the file and line of the first malformed line
     */
    public static Trace readCsv(Path file) throws IOException {
        Builder out = new Builder();
        try (BufferedReader in = open(file)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String body = line.strip();
                if (body.isEmpty() || body.startsWith("#")
                        || (lineNo == 1 && body.toLowerCase(Locale.ROOT).startsWith("op,"))) {
                    continue;
                }
                String[] fields = body.split(",", -1);
                if (fields.length != 2) {
                    throw malformed(file, lineNo, line, "expected 2 fields 'op,address' but found "
                            + fields.length);
                }
                String op = fields[0].strip().toLowerCase(Locale.ROOT);
                boolean write = switch (op) {
                    case "r", "read" -> false;
                    case "w", "write" -> true;
                    default -> throw malformed(file, lineNo, line, "unknown op '" + fields[0].strip()
                            + "'; use R, W, read or write");
                };
                String text = fields[1].strip();
                long address;
                if (text.startsWith("0x") || text.startsWith("0X")) {
                    address = parseHex(file, lineNo, line, text.substring(2));
                } else {
                    try {
                        address = Long.parseLong(text);
                    } catch (NumberFormatException e) {
                        throw malformed(file, lineNo, line, "address '" + text + "' is not a number");
                    }
                }
                if (address < 0) {
                    throw malformed(file, lineNo, line, "address " + address + " is negative");
                }
                out.add(write, address);
            }
        }
        return out.buildFrom(file, "op,address lines such as W,0x1000");
    }

    /** Reads {@code file} as CSV if its name contains {@code .csv}, else as lackey output. */
    public static Trace read(Path file) throws IOException {
        return file.getFileName().toString().contains(".csv") ? readCsv(file) : readLackey(file);
    }

    private static String traceName(Path file) {
        String n = file.getFileName().toString();
        for (String suffix : new String[] {".gz", ".csv", ".lackey", ".txt", ".log"}) {
            if (n.endsWith(suffix)) {
                n = n.substring(0, n.length() - suffix.length());
            }
        }
        return n;
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            InputStream in = file.getFileName().toString().endsWith(".gz")
                    ? new GZIPInputStream(raw, 1 << 16) : raw;
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
        } catch (IOException e) {
            raw.close();
            throw new IOException(file + ": cannot open as gzip: " + e.getMessage(), e);
        }
    }

    private static long parseHex(Path file, int lineNo, String line, String hex) throws IOException {
        if (hex.isEmpty() || hex.length() > 16) {
            throw malformed(file, lineNo, line, "address '" + hex + "' is not a 64-bit hexadecimal number");
        }
        try {
            long value = Long.parseUnsignedLong(hex, 16);
            if (value < 0) {
                throw malformed(file, lineNo, line, "address 0x" + hex + " does not fit in 63 bits");
            }
            return value;
        } catch (NumberFormatException e) {
            throw malformed(file, lineNo, line, "address '" + hex + "' is not hexadecimal");
        }
    }

    private static void parseSize(Path file, int lineNo, String line, String size) throws IOException {
        try {
            if (Integer.parseInt(size) <= 0) {
                throw malformed(file, lineNo, line, "access size " + size + " must be positive");
            }
        } catch (NumberFormatException e) {
            throw malformed(file, lineNo, line, "access size '" + size + "' is not a decimal number");
        }
    }

    private static IOException malformed(Path file, int lineNo, String line, String why) {
        String shown = line.length() > 80 ? line.substring(0, 80) + "..." : line;
        return new IOException(file + ":" + lineNo + ": malformed trace line '" + shown + "': " + why);
    }

    /** Growable arrays for building a trace. */
    static final class Builder {
        private boolean[] writes = new boolean[1024];
        private long[] addresses = new long[1024];
        private int size;

        void add(boolean write, long address) {
            if (size == addresses.length) {
                writes = Arrays.copyOf(writes, size * 2);
                addresses = Arrays.copyOf(addresses, size * 2);
            }
            writes[size] = write;
            addresses[size] = address;
            size++;
        }

        Trace build(String name) {
            return new Trace(name, Arrays.copyOf(writes, size), Arrays.copyOf(addresses, size));
        }

        /** Builds the trace read from {@code file}, rejecting a file with no accesses. */
        Trace buildFrom(Path file, String expected) throws IOException {
            if (size == 0) {
                throw new IOException(file + ": no memory accesses found; expected " + expected
                        + ". Is the file empty or cut before its data lines?");
            }
            return build(traceName(file));
        }
    }
}
