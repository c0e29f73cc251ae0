package dev.modelyard.gateway.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * API key secrets: {@code myk_} followed by 256 random bits in URL-safe base64. With that much
 * entropy a plain SHA-256 is a safe stored form (no salt or slow hash is needed, as for passwords),
 * and it lets a key be found by its hash in one indexed lookup.
 */
public final class ApiKeySecrets {

    public static final String PREFIX = "myk_";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Every request with a key hashes it: one digest per thread rather than a provider lookup each time. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private ApiKeySecrets() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether a bearer credential is shaped like an API key (rather than a JWT). */
    public static boolean looksLikeKey(String credential) {
        return credential.startsWith(PREFIX);
    }

    public static byte[] hash(String secret) {
        // digest() leaves the digest reset for the thread's next use.
        return SHA_256.get().digest(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** What lists show of a key: enough to tell keys apart, too little to use. */
    public static String displayPrefix(String secret) {
        return secret.substring(0, PREFIX.length() + 6);
    }
}
