package dev.modelyard.common.id;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Opaque, prefixed, time-sortable identifiers such as {@code key-01JDC3Z8K5R2V7M4Q9X1T6B3NE}.
 *
 * <p>The part after the prefix is 26 Crockford base32 characters: 48 bits of milliseconds since the
 * epoch followed by 80 random bits (the ULID layout), so IDs of one prefix sort by creation time
 * and a cursor can be compared as a string.
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String next(String prefix) {
        return next(prefix, Clock.systemUTC());
    }

    static String next(String prefix, Clock clock) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        return prefix + "-" + encode(clock.millis(), random);
    }

    static String encode(long millis, byte[] random) {
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // 80 random bits become 16 characters of 5 bits each.
        long high = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (random[i] & 0xff);
        }
        long low = 0;
        for (int i = 5; i < 10; i++) {
            low = (low << 8) | (random[i] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return new String(out);
    }
}
