package dev.modelyard.privacy.pii;

import dev.modelyard.privacy.detect.DetectionEngine;
import dev.modelyard.privacy.detect.DetectionSettings;
import dev.modelyard.privacy.detect.Finding;
import java.util.List;

/** Replaces every piece of personal data in a text with its {@code <TYPE>} placeholder. Thread-safe. */
public final class PiiRedactor {

    private final DetectionEngine engine;

    public PiiRedactor() {
        this(new DetectionEngine(DetectionSettings.defaults()));
    }

    public PiiRedactor(DetectionEngine engine) {
        this.engine = engine;
    }

    public DetectionSettings settings() {
        return engine.settings();
    }

    public Redaction redact(String text) {
        return redact(text, null);
    }

    /** The redacted text and what was replaced; {@code field} (a column or key name, or null) is context. */
    public Redaction redact(String text, String field) {
        List<Finding> findings = engine.detect(text, field);
        if (findings.isEmpty()) {
            return new Redaction(text, findings);
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (Finding finding : findings) {
            out.append(text, copied, finding.start()).append(PiiType.placeholder(finding.type()));
            copied = finding.end();
        }
        return new Redaction(out.append(text, copied, text.length()).toString(), findings);
    }

    /** A redacted text; {@code findings} are positions in the original. */
    public record Redaction(String text, List<Finding> findings) {

        /** The type of the one finding that covers the original value but for surrounding blanks, or null. */
        public String wholeValueType(String original) {
            if (findings.size() != 1) {
                return null;
            }
            Finding finding = findings.get(0);
            return original.substring(0, finding.start()).isBlank() && original.substring(finding.end()).isBlank()
                    ? finding.type() : null;
        }
    }
}
