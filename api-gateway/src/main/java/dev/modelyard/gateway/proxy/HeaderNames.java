package dev.modelyard.gateway.proxy;

/**
 * A few header names, matched as HTTP compares names: whatever their case. Checked for every header of every
 * forwarded request, so the names are compared only where the lengths agree, and no lower-cased copy is made.
 */
final class HeaderNames {

    private final String[] names;

    HeaderNames(String... names) {
        this.names = names.clone();
    }

    boolean contains(String name) {
        for (String candidate : names) {
            if (candidate.length() == name.length() && candidate.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
