package dev.modelyard.privacy.pii;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA256 (RFC 2104) for many short messages under one key. {@code javax.crypto.Mac} hashes the padded
 * key again for every message; here the digest states after the inner and the outer padded key are computed
 * once and copied, which halves the SHA-256 blocks a short value costs. Not thread-safe.
 */
final class HmacSha256 {

    static final int LENGTH = 32;
    private static final int BLOCK = 64;

    private final MessageDigest innerKeyed;
    private final MessageDigest outerKeyed;
    private final byte[] innerDigest = new byte[LENGTH];

    HmacSha256(byte[] key) {
        MessageDigest sha256 = sha256();
        byte[] block = new byte[BLOCK];
        byte[] shortKey = key.length > BLOCK ? sha256.digest(key) : key;
        System.arraycopy(shortKey, 0, block, 0, shortKey.length);
        this.innerKeyed = keyed(block, (byte) 0x36);
        this.outerKeyed = keyed(block, (byte) 0x5c);
    }

    /** The HMAC of {@code length} bytes of {@code message} from {@code offset}, written to {@code out} at 0. */
    void mac(byte[] message, int offset, int length, byte[] out) {
        try {
            MessageDigest inner = copy(innerKeyed);
            inner.update(message, offset, length);
            inner.digest(innerDigest, 0, LENGTH);
            MessageDigest outer = copy(outerKeyed);
            outer.update(innerDigest);
            outer.digest(out, 0, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] mac(byte[] message) {
        byte[] out = new byte[LENGTH];
        mac(message, 0, message.length, out);
        return out;
    }

    private static MessageDigest keyed(byte[] key, byte pad) {
        MessageDigest digest = sha256();
        for (byte b : key) {
            digest.update((byte) (b ^ pad));
        }
        return digest;
    }

    private static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests cannot be copied", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
