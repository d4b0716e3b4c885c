package io.github.archmodels.securemem;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The three JDK primitives of the simulator, each instance created once and reused.
 *
 * <ul>
 * <li>Counter-mode encryption: the pad for a {@code B}-byte block is AES-128 applied to
 *     {@code B/16} seeds, seed {@code i} = (block address + 16 i, counter) as two little-endian
 *     64-bit words, so the address and the counter are both in the seed. Ciphertext = plaintext
 *     XOR pad.</li>
 * <li>MAC: HMAC-SHA256 over (address, counter, ciphertext), truncated to the MAC size.</li>
 * <li>Tree hash: SHA-256 of a node or leaf line, truncated to the hash size.</li>
 * </ul>
 *
 * <p>Keys are derived from a seed with SHA-256 so runs are reproducible; they are simulation keys,
 * not secrets. Not thread-safe.
 */
final class BlockCrypto {

    private final int blockBytes;
    private final int macBytes;
    private final int hashBytes;
    private final Cipher aes;
    private final Mac hmac;
    private final MessageDigest sha256;
    private final byte[] seeds;
    private final ByteBuffer seedView;
    private final byte[] pad;
    private final byte[] header = new byte[16];
    private final ByteBuffer headerView = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
    private final byte[] digest = new byte[32];
    long aesBlocks;
    long macs;
    long hashes;

    BlockCrypto(int blockBytes, int macBytes, int hashBytes, long keySeed) {
        this.blockBytes = blockBytes;
        this.macBytes = macBytes;
        this.hashBytes = hashBytes;
        this.seeds = new byte[blockBytes];
        this.seedView = ByteBuffer.wrap(seeds).order(ByteOrder.LITTLE_ENDIAN);
        this.pad = new byte[blockBytes];
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
            aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(deriveKey("aes", keySeed, 16), "AES"));
            hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(deriveKey("hmac", keySeed, 32), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks AES, HmacSHA256 or SHA-256", e);
        }
    }

    private static byte[] deriveKey(String purpose, long seed, int bytes) throws GeneralSecurityException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(("archmodels-securemem-" + purpose + "-" + seed).getBytes(StandardCharsets.US_ASCII));
        return Arrays.copyOf(md.digest(), bytes);
    }

    /** XORs the counter-mode pad of ({@code address}, {@code counter}) into {@code data[offset..offset+B)}. */
    void applyPad(long address, long counter, byte[] data, int offset) {
        for (int i = 0; i < blockBytes / 16; i++) {
            seedView.putLong(16 * i, address + 16L * i);
            seedView.putLong(16 * i + 8, counter);
        }
        try {
            aes.doFinal(seeds, 0, blockBytes, pad, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES failed on a whole number of blocks", e);
        }
        aesBlocks += blockBytes / 16;
        for (int i = 0; i < blockBytes; i++) {
            data[offset + i] ^= pad[i];
        }
    }

    /** Writes the truncated MAC of ({@code address}, {@code counter}, ciphertext) to {@code out[outOffset..]}. */
    void mac(long address, long counter, byte[] ciphertext, int offset, byte[] out, int outOffset) {
        headerView.putLong(0, address);
        headerView.putLong(8, counter);
        hmac.update(header);
        hmac.update(ciphertext, offset, blockBytes);
        try {
            hmac.doFinal(digest, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("32-byte buffer too short for HmacSHA256", e);
        }
        macs++;
        System.arraycopy(digest, 0, out, outOffset, macBytes);
    }

    /** Returns whether the stored MAC at {@code stored[offset..]} matches a freshly computed one. */
    boolean macMatches(long address, long counter, byte[] block) {
        byte[] expected = new byte[macBytes];
        mac(address, counter, block, 0, expected, 0);
        return MessageDigest.isEqual(expected,
                Arrays.copyOfRange(block, blockBytes, blockBytes + macBytes));
    }

    /** Writes the truncated SHA-256 of {@code line[offset..offset+len)} to {@code out[outOffset..]}. */
    void hash(byte[] line, int offset, int len, byte[] out, int outOffset) {
        sha256.update(line, offset, len);
        try {
            sha256.digest(digest, 0, 32);
        } catch (DigestException e) {
            throw new IllegalStateException("32-byte buffer too short for SHA-256", e);
        }
        hashes++;
        System.arraycopy(digest, 0, out, outOffset, hashBytes);
    }
}
