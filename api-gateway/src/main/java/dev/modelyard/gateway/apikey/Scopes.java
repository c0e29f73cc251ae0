package dev.modelyard.gateway.apikey;

import java.util.Set;

/** What an API key may reach: one scope per area of the API, or {@code *} for all of them. */
public final class Scopes {

    public static final String ALL = "*";
    public static final Set<String> KNOWN = Set.of(ALL, "files", "fine_tuning", "models", "inference", "usage");

    private Scopes() {
    }

    public static boolean allows(Set<String> granted, String needed) {
        return granted.contains(ALL) || granted.contains(needed);
    }
}
