package io.github.archmodels.securemem;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A functional secure memory: counter-mode encryption, a MAC per block and a Bonsai hash tree over
 * the counter (or Baobab index) lines, all with real JDK cryptography (see {@code BlockCrypto}).
 *
 * <p>Untrusted memory holds the ciphertext and MAC of every block, the leaf lines and the tree
 * nodes; the chip holds the keys, the hash of the top tree node and, for Baobab, the counter table.
 *
 * <p>A <b>read</b> of block {@code j}: fetch its leaf line and verify it up the tree to the root;
 * take the counter from the line (or from the table, by the index in the line); check the block's
 * MAC over (address, counter, ciphertext); decrypt.
 *
 * <p>A <b>write</b>: fetch and verify the leaf line; bump the counter by the scheme's rules; if the
 * line changed, store it and rewrite its tree path and the root; encrypt the new contents under the
 * new counter and store them with their MAC. A split or morphable minor overflow re-encrypts the
 * line's other blocks; a full Baobab entry stalls (the write is rejected with
 * {@link WriteRejectedException}) or is rebased (every block of the entry re-encrypted under one
 * new value) before the write proceeds.
 *
 * <p>Memory is sparse: blocks, lines and nodes that were never written are not stored. An
 * untouched leaf line is all zeros (every counter 0, every index 0), an untouched node holds the
 * hashes of untouched children, and an untouched data block stands for zero plaintext encrypted
 * under its current counter. When the engine re-encrypts a group (minor overflow, rebase), it
 * re-encrypts the stored blocks and counts the untouched ones without storing them.
 *
 * <p>With {@code crypto = false} ({@link #eventsOnly}) the same counter logic runs without
 * encryption, MACs or hashing, for counting events on long traces.
 *
 * <p>Not thread-safe.
 */
public final class SecureMemory {

    private final SecureMemoryConfig config;
    private final CounterLayout layout;
    private final boolean crypto;
    private final BlockCrypto primitives;
    private final IntegrityTree tree;
    private final int treeLevels;
    private final SparseStore lines;
    private final LongObjectMap<byte[]> blocks = new LongObjectMap<>();
    private final EventCounter events = new EventCounter();
    private final byte[] lineBuffer;
    private final byte[] oldLineBuffer;
    private final byte[] zeroLine;
    private final int blockBytes;
    private final int macBytes;
    /** Receives the bytes {@link IntegrityTree#touchPath} reads, so the JIT keeps those reads. */
    private int touchSink;

    private SecureMemory(SecureMemoryConfig config, Scheme scheme, boolean crypto, long keySeed) {
        this.config = config;
        this.blockBytes = config.blockBytes();
        this.macBytes = config.macBytes();
        this.layout = CounterLayout.of(scheme, blockBytes, config.blocks());
        this.crypto = crypto;
        long leafLines = (config.blocks() + layout.blocksPerLine() - 1) / layout.blocksPerLine();
        this.treeLevels = StorageModel.levels(leafLines, config.treeArity()).length;
        this.lines = new SparseStore(leafLines);
        if (crypto) {
            primitives = new BlockCrypto(blockBytes, macBytes, config.hashBytes(), keySeed);
            tree = new IntegrityTree(leafLines, blockBytes, config.hashBytes(), config.treeArity(),
                    primitives);
        } else {
            primitives = null;
            tree = null;
        }
        this.lineBuffer = new byte[blockBytes];
        this.oldLineBuffer = new byte[blockBytes];
        this.zeroLine = new byte[blockBytes];
    }

    /**
     * Creates a memory with real cryptography, keys derived from {@code keySeed}. All blocks read
     * as zeros until written.
     *
     * @throws IllegalArgumentException for the plain Merkle scheme, which has no counters
     */
    public static SecureMemory create(SecureMemoryConfig config, Scheme scheme, long keySeed) {
        return new SecureMemory(config, scheme, true, keySeed);
    }

    /** Creates a memory that runs the counter and tree bookkeeping only, without cryptography. */
    public static SecureMemory eventsOnly(SecureMemoryConfig config, Scheme scheme) {
        return new SecureMemory(config, scheme, false, 0);
    }

    public SecureMemoryConfig config() {
        return config;
    }

    public Scheme scheme() {
        return layout.scheme();
    }

    /** Returns whether this memory encrypts, MACs and hashes ({@link #create}) or only counts ({@link #eventsOnly}). */
    public boolean hasCrypto() {
        return crypto;
    }

    /** Returns the tree height above the leaf lines. */
    public int treeLevels() {
        return treeLevels;
    }

    /** Returns the Baobab table, or throws for the other schemes. */
    public BaobabTable table() {
        if (layout instanceof BaobabCounters baobab) {
            return baobab.table();
        }
        throw new IllegalStateException(layout.scheme().name() + " has no Baobab table");
    }

    /** Returns the counter value of the block containing {@code address}, after verifying its line. */
    public long counter(long address) {
        long block = blockOf(address);
        long lineNo = layout.lineOf(block);
        loadVerifiedLine(lineNo, lineBuffer);
        return layout.counter(block, lineBuffer);
    }

    /**
     * Reads the block containing {@code address} and returns its {@code blockBytes} plaintext bytes.
     *
     * @throws IntegrityViolationException if the leaf line, a tree node or the block fails its check
     */
    public byte[] read(long address) {
        long block = blockOf(address);
        events.reads++;
        long lineNo = layout.lineOf(block);
        loadVerifiedLine(lineNo, lineBuffer);
        if (!crypto) {
            return new byte[blockBytes];
        }
        long counter = layout.counter(block, lineBuffer);
        byte[] stored = blocks.get(block);
        if (stored == null) {
            return new byte[blockBytes];
        }
        return decryptVerified(block, counter, stored);
    }

    /**
     * Writes {@code plaintext} ({@code blockBytes} bytes) to the block containing {@code address}.
     *
     * @throws WriteRejectedException      if the Baobab entry is full under the stall policy or the
     *                                     counter would overflow; the block is unchanged
     * @throws IntegrityViolationException if the leaf line or the tree fails its check
     */
    public void write(long address, byte[] plaintext) {
        if (crypto && (plaintext == null || plaintext.length != blockBytes)) {
            throw new IllegalArgumentException("plaintext has " + (plaintext == null ? "no"
                    : plaintext.length) + " bytes; a write stores one whole block of " + blockBytes);
        }
        long block = blockOf(address);
        events.writes++;
        writeBlock(block, plaintext, true);
    }

    /** Records one write to the block containing {@code address} without data (events-only runs). */
    public void touch(long address) {
        write(address, crypto ? new byte[blockBytes] : null);
    }

    private void writeBlock(long block, byte[] plaintext, boolean mayRebase) {
        long lineNo = layout.lineOf(block);
        byte[] stored = null;
        if (crypto) {
            // Issue the write's independent memory reads together, before any hashing: the stored
            // block and every node on the tree path. Their cache misses then overlap. Nothing below
            // adds or replaces this block's entry before it is used.
            stored = blocks.get(block);
            touchSink += tree.touchPath(lineNo) + (stored != null ? stored[0] : 0);
        }
        loadVerifiedLine(lineNo, lineBuffer);
        System.arraycopy(lineBuffer, 0, oldLineBuffer, 0, blockBytes);

        CounterLayout.LineWrite outcome = layout.write(block, lineBuffer, events);
        switch (outcome) {
            case STALLED -> {
                events.stalledWrites++;
                throw new WriteRejectedException("write to block " + block + " stalled: its Baobab"
                        + " entry " + table().entryOf(block) + " is full (every cell is in use);"
                        + " use FullEntryPolicy.REBASE or more cells per entry");
            }
            case OVERFLOW -> throw new WriteRejectedException("write to block " + block
                    + " rejected: its counter would overflow; the memory must be re-keyed");
            case NEEDS_REBASE -> {
                if (!mayRebase) {
                    throw new IllegalStateException("entry of block " + block + " is full right after a rebase");
                }
                rebase(table().entryOf(block));
                writeBlock(block, plaintext, false);
                return;
            }
            case UPDATED_REENCRYPT_LINE -> {
                reencryptLine(block, lineNo);
                storeLine(lineNo, lineBuffer);
            }
            case UPDATED -> storeLine(lineNo, lineBuffer);
            case UNCHANGED -> {
            }
            default -> throw new IllegalStateException("unknown outcome " + outcome);
        }
        if (crypto) {
            long counter = layout.counter(block, lineBuffer);
            if (stored == null) {
                stored = new byte[blockBytes + macBytes];
                blocks.put(block, stored);
            }
            encryptInto(block, counter, plaintext, stored);
        }
    }

    /** Re-encrypts the stored blocks of {@code lineNo} other than {@code written}: old counters from the old line. */
    private void reencryptLine(long written, long lineNo) {
        if (!crypto) {
            return;
        }
        int perLine = layout.blocksPerLine();
        for (long b = lineNo * perLine; b < (lineNo + 1) * perLine; b++) {
            byte[] stored = b == written ? null : blocks.get(b);
            if (stored != null) {
                byte[] plain = decryptVerified(b, layout.counter(b, oldLineBuffer), stored);
                encryptInto(b, layout.counter(b, lineBuffer), plain, stored);
            }
        }
    }

    private void rebase(int entry) {
        BaobabCounters baobab = (BaobabCounters) layout;
        BaobabTable table = baobab.table();
        int entries = table.config().entries();

        // Decrypt the entry's stored blocks under their old values before the table changes.
        List<long[]> members = new ArrayList<>();
        List<byte[]> plaintexts = new ArrayList<>();
        if (crypto) {
            for (long b : blocks.keys()) {
                if (b % entries == entry) {
                    loadVerifiedLine(layout.lineOf(b), lineBuffer);
                    long oldCounter = layout.counter(b, lineBuffer);
                    members.add(new long[] {b});
                    plaintexts.add(decryptVerified(b, oldCounter, blocks.get(b)));
                }
            }
        }

        long value = table.rebase(entry);
        if (value < 0) {
            events.overflows++;
            throw new WriteRejectedException("rebase of Baobab entry " + entry
                    + " rejected: the new value would overflow; the memory must be re-keyed");
        }
        events.rebases++;
        events.reencryptedBlocks += table.blocksInEntry(entry);

        // Only lines holding a non-zero index of this entry change. The scan reads the stored
        // bytes unverified, and each line it rewrites is verified first.
        for (long lineNo : lines.keys()) {
            System.arraycopy(lines.get(lineNo), 0, oldLineBuffer, 0, blockBytes);
            if (baobab.clearEntry(lineNo, oldLineBuffer, entry)) {
                loadVerifiedLine(lineNo, lineBuffer);
                baobab.clearEntry(lineNo, lineBuffer, entry);
                storeLine(lineNo, lineBuffer);
            }
        }
        for (int i = 0; i < members.size(); i++) {
            long b = members.get(i)[0];
            encryptInto(b, value, plaintexts.get(i), blocks.get(b));
        }
    }

    private void loadVerifiedLine(long lineNo, byte[] into) {
        byte[] stored = lines.get(lineNo);
        System.arraycopy(stored != null ? stored : zeroLine, 0, into, 0, blockBytes);
        if (crypto) {
            tree.verify(lineNo, into);
        }
    }

    private void storeLine(long lineNo, byte[] line) {
        byte[] stored = lines.get(lineNo);
        if (stored == null) {
            stored = new byte[blockBytes];
            lines.put(lineNo, stored);
        }
        System.arraycopy(line, 0, stored, 0, blockBytes);
        events.treePathUpdates++;
        events.treeNodeWrites += treeLevels;
        if (crypto) {
            tree.updateVerified(lineNo, line);
        }
    }

    private void encryptInto(long block, long counter, byte[] plaintext, byte[] stored) {
        long address = block * blockBytes;
        System.arraycopy(plaintext, 0, stored, 0, blockBytes);
        primitives.applyPad(address, counter, stored, 0);
        primitives.mac(address, counter, stored, 0, stored, blockBytes);
    }

    private byte[] decryptVerified(long block, long counter, byte[] stored) {
        long address = block * blockBytes;
        if (!primitives.macMatches(address, counter, stored)) {
            throw new IntegrityViolationException(IntegrityViolationException.Location.DATA_MAC,
                    String.format(Locale.ROOT, "MAC mismatch at address 0x%x (block %d, counter %d):"
                            + " the data, its MAC or its counter was modified or replayed",
                            address, block, counter));
        }
        byte[] plain = new byte[blockBytes];
        System.arraycopy(stored, 0, plain, 0, blockBytes);
        primitives.applyPad(address, counter, plain, 0);
        return plain;
    }

    private long blockOf(long address) {
        if (address < 0 || address >= config.protectedBytes()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "address 0x%x is outside the protected range [0, 0x%x); fold trace addresses"
                            + " with Trace.foldInto(protectedBytes) or enlarge the memory",
                    address, config.protectedBytes()));
        }
        return address / blockBytes;
    }

    /** Returns the events so far, labelled with {@code trace}. */
    public EventCounts events(String trace) {
        long distinct = 0;
        double occupancy = 0;
        if (layout instanceof BaobabCounters baobab) {
            distinct = baobab.table().distinctValues();
            occupancy = baobab.table().occupancy();
        }
        return events.snapshot(layout.scheme().name(), trace, distinct, occupancy);
    }

    /** Returns the counts of AES blocks, MACs and hashes computed so far (all zero without crypto). */
    public long[] primitiveCounts() {
        return crypto ? new long[] {primitives.aesBlocks, primitives.macs, primitives.hashes}
                : new long[3];
    }

    /** Returns the number of stored blocks, leaf lines and tree nodes: what the simulation holds in memory. */
    public long[] storedCounts() {
        return new long[] {blocks.size(), lines.size(), tree == null ? 0 : tree.storedNodes()};
    }

    /** Returns the attacker's view of the untrusted memory. */
    public UntrustedMemory untrusted() {
        if (!crypto) {
            throw new IllegalStateException("an events-only memory stores no data to tamper with");
        }
        return new UntrustedMemory();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SecureMemory[%s, %s, %d tree levels, %d blocks stored]",
                layout.scheme().name(), StorageModel.humanBytes(config.protectedBytes()), treeLevels,
                blocks.size());
    }

    /**
     * Raw access to everything the secure memory keeps off chip, as an attacker with physical
     * access has it: block ciphertexts and MACs, leaf lines and tree nodes. Every method works on
     * copies; writes replace what memory holds. The keys, the root and the Baobab table are on
     * chip and not reachable here.
     */
    public final class UntrustedMemory {

        private UntrustedMemory() {
        }

        /** Returns the stored ciphertext followed by the MAC of the block at {@code address}. */
        public byte[] readBlock(long address) {
            long block = blockOf(address);
            byte[] stored = blocks.get(block);
            if (stored == null) {
                stored = new byte[blockBytes + macBytes];
                byte[] line = lines.get(layout.lineOf(block));
                line = line != null ? line : zeroLine;
                encryptInto(block, layout.counter(block, line), new byte[blockBytes], stored);
            }
            return stored.clone();
        }

        /** Replaces the ciphertext and MAC of the block at {@code address}. */
        public void writeBlock(long address, byte[] ciphertextAndMac) {
            if (ciphertextAndMac.length != blockBytes + macBytes) {
                throw new IllegalArgumentException("a stored block has " + (blockBytes + macBytes)
                        + " bytes (ciphertext then MAC), not " + ciphertextAndMac.length);
            }
            blocks.put(blockOf(address), ciphertextAndMac.clone());
        }

        /** Returns the leaf line covering the block at {@code address}. */
        public long leafLineOf(long address) {
            return layout.lineOf(blockOf(address));
        }

        /** Returns the bytes of leaf line {@code lineNo} (counters or indices). */
        public byte[] readLeafLine(long lineNo) {
            byte[] line = lines.get(lineNo);
            return (line != null ? line : zeroLine).clone();
        }

        /** Replaces leaf line {@code lineNo}. */
        public void writeLeafLine(long lineNo, byte[] line) {
            if (line.length != blockBytes) {
                throw new IllegalArgumentException("a leaf line has " + blockBytes + " bytes, not " + line.length);
            }
            lines.put(lineNo, line.clone());
        }

        /** Returns the number of tree levels above the leaves. */
        public int treeLevels() {
            return tree.levels();
        }

        /** Returns tree node {@code index} at {@code level} (1 = parents of leaf lines). */
        public byte[] readTreeNode(int level, long index) {
            return tree.node(level, index);
        }

        /** Replaces tree node {@code index} at {@code level}. */
        public void writeTreeNode(int level, long index, byte[] node) {
            if (node.length != blockBytes) {
                throw new IllegalArgumentException("a tree node has " + blockBytes + " bytes, not " + node.length);
            }
            tree.store(level, index, node);
        }
    }
}
