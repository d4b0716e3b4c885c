package io.github.archmodels.securemem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Pins the bytes a write leaves in untrusted memory, so that a change to the write path's
 * bookkeeping (lookup order, buffer reuse) cannot change what is stored. The expected ciphertext
 * and MAC are computed here from the format in {@code BlockCrypto}'s documentation with fresh JDK
 * instances: pad = AES-128-ECB of seeds (address + 16 i, counter) as little-endian words, ciphertext
 * = plaintext XOR pad, MAC = HMAC-SHA256 over (address, counter, ciphertext) truncated to
 * {@code macBytes}; keys = the first bytes of SHA-256 of "archmodels-securemem-PURPOSE-SEED".
 */
class StoredBytesTest {

    private static final long SEED = 77;

    private static byte[] key(String purpose, int bytes) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(("archmodels-securemem-" + purpose + "-" + SEED).getBytes(StandardCharsets.US_ASCII));
        return Arrays.copyOf(digest, bytes);
    }

    private static byte[] expectedStored(long address, long counter, byte[] plaintext, int macBytes) throws Exception {
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key("aes", 16), "AES"));
        ByteBuffer seeds = ByteBuffer.allocate(plaintext.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < plaintext.length / 16; i++) {
            seeds.putLong(address + 16L * i).putLong(counter);
        }
        byte[] pad = aes.doFinal(seeds.array());
        byte[] out = new byte[plaintext.length + macBytes];
        for (int i = 0; i < plaintext.length; i++) {
            out[i] = (byte) (plaintext[i] ^ pad[i]);
        }
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(key("hmac", 32), "HmacSHA256"));
        hmac.update(ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(address).putLong(counter).array());
        hmac.update(out, 0, plaintext.length);
        System.arraycopy(hmac.doFinal(), 0, out, plaintext.length, macBytes);
        return out;
    }

    @Test
    void storedBlockMatchesDocumentedFormat() throws Exception {
        SecureMemoryConfig config = SecureMemoryConfig.of(1 << 20);
        List<Scheme> schemes = List.of(Scheme.monolithic(), Scheme.split(),
                Scheme.baobab(new BaobabTableConfig(64, 4, FullEntryPolicy.REBASE)));
        for (Scheme scheme : schemes) {
            SecureMemory m = SecureMemory.create(config, scheme, SEED);
            SecureMemory.UntrustedMemory raw = m.untrusted();
            SplittableRandom random = new SplittableRandom(5);
            // 400 writes over 40 blocks: new blocks, rewrites, shared lines and (split) overflows.
            for (int i = 0; i < 400; i++) {
                long address = 64L * random.nextInt(40);
                byte[] plaintext = new byte[64];
                random.nextBytes(plaintext);
                m.write(address, plaintext);
                byte[] expected = expectedStored(address, m.counter(address), plaintext, config.macBytes());
                assertArrayEquals(expected, raw.readBlock(address), scheme.name() + " write " + i);
                assertArrayEquals(plaintext, m.read(address), scheme.name() + " read " + i);
            }
            assertEquals(400, m.events("t").writes(), scheme.name());
        }
    }
}
