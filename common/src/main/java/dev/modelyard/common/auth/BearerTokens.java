package dev.modelyard.common.auth;

/** Extracts the credential from an {@code Authorization: Bearer ...} header value. */
public final class BearerTokens {

    private BearerTokens() {
    }

    /** The token, or {@code null} when the header is absent or not a bearer credential. */
    public static String from(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }
}
