package dev.modelyard.common.page;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;

/** A validated {@code ?limit=&after=} pair; newest first, {@code after} is the last id of the previous page. */
public record PageRequest(int limit, String after) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public static PageRequest of(Integer limit, String after) {
        int value = limit == null ? DEFAULT_LIMIT : limit;
        if (value < 1 || value > MAX_LIMIT) {
            throw PlatformException.badRequest("limit must be between 1 and " + MAX_LIMIT,
                    FieldError.field("limit", "must be between 1 and " + MAX_LIMIT));
        }
        return new PageRequest(value, after == null || after.isBlank() ? null : after);
    }

    /** How many rows to fetch: one more than the page, to know whether another page follows. */
    public int fetchSize() {
        return limit + 1;
    }
}
