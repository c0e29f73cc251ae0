package dev.modelyard.privacy.detect;

/**
 * One value of personal data in a text: its type (a {@link dev.modelyard.privacy.pii.PiiType} name or a
 * tenant-defined pattern's name), the span {@code [start, end)} and how sure the engine is, from 0 to 1.
 */
public record Finding(String type, int start, int end, double score) {

    public boolean overlaps(int otherStart, int otherEnd) {
        return start < otherEnd && otherStart < end;
    }

    int length() {
        return end - start;
    }
}
