package dev.modelyard.privacy.pii;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns identifiers into stable pseudonyms ({@code pid_} and 16 hex digits of a keyed HMAC-SHA256), so
 * rows of one subject stay joinable within a tenant while the identifier itself is gone. The key is
 * derived per tenant from the platform secret, so the same identifier gets unrelated pseudonyms in two
 * tenants and one tenant's pseudonyms say nothing about another's. {@link #shaped} gives pseudonyms with
 * the value's shape from the same key. Identifiers repeat within a file (a customer on each of their orders), so
 * the pseudonyms of recent values are kept. Not thread-safe: one per upload.
 */
public final class Pseudonymizer {

    private static final String HMAC = "HmacSHA256";
    private static final int TOKEN_BYTES = 8;
    private static final HexFormat HEX = HexFormat.of();
    /** How many values' pseudonyms are kept; all are forgotten when it is reached, so memory stays bounded. */
    static final int REMEMBERED_VALUES = 4096;

    private final Mac mac;
    private final byte[] digest;
    private final Map<String, String> recent = new HashMap<>();

    private Pseudonymizer(byte[] key) {
        this.mac = mac(key);
        this.digest = new byte[mac.getMacLength()];
    }

    public static Pseudonymizer forTenant(String platformSecret, String tenant) {
        Mac derivation = mac(platformSecret.getBytes(StandardCharsets.UTF_8));
        return new Pseudonymizer(derivation.doFinal(tenant.getBytes(StandardCharsets.UTF_8)));
    }

    /** The pseudonym of {@code value}; an empty value stays empty, as there is nobody to hide. */
    public String pseudonym(String value) {
        if (value.isEmpty()) {
            return value;
        }
        String pseudonym = recent.get(value);
        if (pseudonym == null) {
            mac.update(value.getBytes(StandardCharsets.UTF_8));
            try {
                mac.doFinal(digest, 0);
            } catch (ShortBufferException e) {
                throw new IllegalStateException(e);
            }
            pseudonym = HEX.formatHex(new StringBuilder(4 + 2 * TOKEN_BYTES).append("pid_"), digest, 0, TOKEN_BYTES)
                    .toString();
            if (recent.size() == REMEMBERED_VALUES) {
                recent.clear();
            }
            recent.put(value, pseudonym);
        }
        return pseudonym;
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
        byte[] seed = mac.doFinal(("shaped\0" + value).getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[length];
        int filled = 0;
        for (byte counter = 0; filled < length; counter++) {
            mac.update(seed);
            byte[] block = mac.doFinal(new byte[] {counter});
            int n = Math.min(block.length, length - filled);
            System.arraycopy(block, 0, out, filled, n);
            filled += n;
        }
        return out;
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
