package dev.modelyard.privacy.pii;

import java.util.ArrayList;
import java.util.List;

/** Replaces every piece of personal data in a text with its {@code <TYPE>} placeholder. */
public final class PiiRedactor {

    private final List<Detector> detectors;

    public PiiRedactor() {
        this(Detectors.ALL);
    }

    PiiRedactor(List<Detector> detectors) {
        this.detectors = List.copyOf(detectors);
    }

    /** The redacted text and one entry per value replaced. */
    public Redaction redact(String text) {
        List<PiiType> found = new ArrayList<>(0);
        String redacted = text;
        for (Detector detector : detectors) {
            redacted = detector.replaceIn(redacted, found);
        }
        return new Redaction(redacted, found);
    }

    public record Redaction(String text, List<PiiType> found) {
    }
}
