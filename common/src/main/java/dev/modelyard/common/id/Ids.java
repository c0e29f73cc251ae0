package dev.modelyard.common.id;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Opaque, prefixed, time-sortable identifiers such as {@code key-01JDC3Z8K5R2V7M4Q9X1T6B3NE}.
 *
 * <p>The part after the prefix is 26 Crockford base32 characters: 48 bits of milliseconds since the
 * epoch followed by 80 random bits (the ULID layout), so IDs of one prefix sort by creation time
 * and a cursor can be compared as a string.
 *
 * <p>The random bits only keep IDs apart; they guard nothing, since another tenant's object answers
 * 404 whether or not its ID is guessed (secrets such as API keys have their own generator). So they
 * come from {@link ThreadLocalRandom}, which every request thread draws from without a shared lock.
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final long FORTY_BITS = (1L << 40) - 1;

    private Ids() {
    }

    public static String next(String prefix) {
        return next(prefix, Clock.systemUTC());
    }

    static String next(String prefix, Clock clock) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return prefix + "-" + encode(clock.millis(), random.nextLong() & FORTY_BITS, random.nextLong() & FORTY_BITS);
    }

    /** The 26 characters for a timestamp and 80 random bits given as two 40-bit halves. */
    static String encode(long millis, long randomHigh, long randomLow) {
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        // Each 40-bit half becomes 8 characters of 5 bits.
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (randomHigh & 31)];
            randomHigh >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (randomLow & 31)];
            randomLow >>>= 5;
        }
        return new String(out);
    }
}
