package dev.modelyard.gateway.auth;

import dev.modelyard.common.auth.BearerTokens;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.gateway.apikey.ApiKeySecrets;

/**
 * The bearer credential of a request, read once: an API key comes with its hash, computed here once and used
 * both to look for the key in memory and, on a miss, to look it up in the database.
 *
 * @param value   the token or the API key secret
 * @param keyHash the API key's SHA-256 ({@link ApiKeySecrets#hash}), or {@code null} for a token
 */
public record Credential(String value, byte[] keyHash) {

    /** @throws PlatformException 401 when the header holds no bearer credential */
    public static Credential from(String authorization) {
        String value = BearerTokens.from(authorization);
        if (value == null) {
            throw PlatformException.unauthorized("Send an API key or an access token as 'Authorization: Bearer ...'");
        }
        return new Credential(value, ApiKeySecrets.looksLikeKey(value) ? ApiKeySecrets.hash(value) : null);
    }

    public boolean isApiKey() {
        return keyHash != null;
    }

    /** Never the secret itself, should a credential ever reach a log line. */
    @Override
    public String toString() {
        return isApiKey() ? "Credential[API key]" : "Credential[token]";
    }
}
