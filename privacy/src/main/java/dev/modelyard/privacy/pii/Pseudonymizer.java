package dev.modelyard.privacy.pii;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns identifiers into stable pseudonyms ({@code pid_} and 16 hex digits of a keyed HMAC-SHA256), so
 * rows of one subject stay joinable within a tenant while the identifier itself is gone. The key is
 * derived per tenant from the platform secret, so the same identifier gets unrelated pseudonyms in two
 * tenants and one tenant's pseudonyms say nothing about another's. {@link #shaped} gives pseudonyms with
 * the value's shape from the same key. Identifiers repeat within a file (a customer on each of their orders), so
 * the pseudonyms of recent values are kept, unless values rarely repeat ({@link RecentValues}). Not thread-safe:
 * one per upload.
 */
public final class Pseudonymizer {

    private static final int TOKEN_BYTES = 8;
    private static final byte[] PREFIX = "pid_".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
    /** Room for the pseudonyms of a file's recent identifiers, such as the customers of its recent orders. */
    static final int REMEMBERED_VALUES = 4096;

    private final HmacSha256 mac;
    private final byte[] digest = new byte[HmacSha256.LENGTH];
    /** The value's UTF-8 bytes, reused: identifiers are short and mostly ASCII. */
    private byte[] message = new byte[64];
    private final RecentValues<String> recent = new RecentValues<>(REMEMBERED_VALUES);

    private Pseudonymizer(byte[] key) {
        this.mac = new HmacSha256(key);
    }

    public static Pseudonymizer forTenant(String platformSecret, String tenant) {
        HmacSha256 derivation = new HmacSha256(platformSecret.getBytes(StandardCharsets.UTF_8));
        return new Pseudonymizer(derivation.mac(tenant.getBytes(StandardCharsets.UTF_8)));
    }

    /** The pseudonym of {@code value}; an empty value stays empty, as there is nobody to hide. */
    public String pseudonym(String value) {
        if (value.isEmpty()) {
            return value;
        }
        String pseudonym = recent.find(value);
        if (pseudonym == null) {
            int length = utf8(value);
            mac.mac(message, 0, length, digest);
            pseudonym = token();
            recent.remember(value, pseudonym);
        }
        return pseudonym;
    }

    /** Encodes {@code value} into {@link #message}, returning the number of bytes. */
    private int utf8(String value) {
        int length = value.length();
        if (length > message.length) {
            message = new byte[Math.max(length, message.length * 2)];
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c >= 128) {
                message = value.getBytes(StandardCharsets.UTF_8);
                return message.length;
            }
            message[i] = (byte) c;
        }
        return length;
    }

    /** {@code pid_} and the first {@link #TOKEN_BYTES} bytes of {@link #digest} in lower-case hex. */
    private String token() {
        byte[] token = Arrays.copyOf(PREFIX, PREFIX.length + 2 * TOKEN_BYTES);
        for (int i = 0; i < TOKEN_BYTES; i++) {
            token[PREFIX.length + 2 * i] = HEX_DIGITS[(digest[i] >> 4) & 0xf];
            token[PREFIX.length + 2 * i + 1] = HEX_DIGITS[digest[i] & 0xf];
        }
        return new String(token, StandardCharsets.ISO_8859_1);
    }

    /** A pseudonym shaped like {@code value}, keyed like {@link #pseudonym}; see {@link ShapedPseudonym}. */
    public String shaped(String value, String type) {
        return value.isEmpty() ? value : ShapedPseudonym.of(value, type, this::keyStream);
    }

    /**
     * {@code length} bytes determined by the key and {@code value}: HMAC blocks of the value's digest and a
     * counter, in a domain of their own so they never equal a {@link #pseudonym}'s bytes.
     */
    private byte[] keyStream(String value, int length) {
        byte[] seed = mac.mac(("shaped\0" + value).getBytes(StandardCharsets.UTF_8));
        byte[] seeded = Arrays.copyOf(seed, seed.length + 1);
        byte[] out = new byte[length];
        int filled = 0;
        for (byte counter = 0; filled < length; counter++) {
            seeded[seed.length] = counter;
            byte[] block = mac.mac(seeded);
            int n = Math.min(block.length, length - filled);
            System.arraycopy(block, 0, out, filled, n);
            filled += n;
        }
        return out;
    }
}
