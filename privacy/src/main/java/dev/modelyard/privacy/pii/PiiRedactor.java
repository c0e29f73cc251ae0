package dev.modelyard.privacy.pii;

import dev.modelyard.privacy.detect.DetectionEngine;
import dev.modelyard.privacy.detect.DetectionSettings;
import dev.modelyard.privacy.detect.Finding;
import java.util.List;

/**
 * Replaces every piece of personal data in a text: with its {@code <TYPE>} placeholder, or with what a
 * {@link Replacement} makes of it. Thread-safe.
 */
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
        return redact(text, field, (original, finding) -> PiiType.placeholder(finding.type()));
    }

    /** Like {@link #redact(String, String)}, each finding replaced by what {@code replacement} makes of it. */
    public Redaction redact(String text, String field, Replacement replacement) {
        List<Finding> findings = engine.detect(text, field);
        if (findings.isEmpty()) {
            return new Redaction(text, findings);
        }
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (Finding finding : findings) {
            String replaced = replacement.replace(text, finding);
            if (replaced == null) {
                return new Redaction(null, findings);
            }
            out.append(text, copied, finding.start()).append(replaced);
            copied = finding.end();
        }
        return new Redaction(out.append(text, copied, text.length()).toString(), findings);
    }

    /** What a finding becomes. */
    @FunctionalInterface
    public interface Replacement {
        /** The text in place of {@code finding} in {@code text}; null to drop the whole text. */
        String replace(String text, Finding finding);
    }

    /**
     * A redacted text, null when a finding dropped the whole of it; {@code findings} are positions in the
     * original.
     */
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
