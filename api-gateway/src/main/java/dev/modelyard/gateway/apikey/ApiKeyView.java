package dev.modelyard.gateway.apikey;

import java.time.Instant;
import java.util.List;

/**
 * An API key as the API shows it. {@code secret} is present only in the answer to its creation.
 */
public record ApiKeyView(String id, String object, String name, String prefix, List<String> scopes,
                         Integer rateLimitPerMinute, String createdBy, long createdAt, Long expiresAt,
                         Long revokedAt, Long lastUsedAt, String secret) {

    static ApiKeyView of(ApiKey key, String secret) {
        return new ApiKeyView(key.id, "api_key", key.name, key.prefix, List.of(key.scopes), key.rateLimitPerMinute,
                key.createdBy, key.createdAt.getEpochSecond(), seconds(key.expiresAt), seconds(key.revokedAt),
                seconds(key.lastUsedAt), secret);
    }

    static ApiKeyView of(ApiKey key) {
        return of(key, null);
    }

    private static Long seconds(Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }
}
