package dev.modelyard.privacy.pii;

/** The kinds of personal data the detectors find; each found value is replaced by {@code <NAME>}. */
public enum PiiType {
    EMAIL_ADDRESS,
    PHONE_NUMBER,
    CREDIT_CARD,
    IBAN,
    IP_ADDRESS,
    US_SSN;

    /** What replaces a found value: says what was there without keeping any of it. */
    public String placeholder() {
        return "<" + name() + ">";
    }
}
