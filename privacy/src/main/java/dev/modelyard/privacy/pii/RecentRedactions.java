package dev.modelyard.privacy.pii;

/**
 * The redactions of one column's recent values. Columns of categories, cities, statuses or names repeat a few
 * values on every row, and a repeat is answered from here instead of being scanned again: exact, as detection
 * answers the same for the same value and field, and a policy's operators give the same output for the same
 * input within a tenant (keyed pseudonyms included). A column whose values rarely repeat (amounts,
 * identifiers) is given up on ({@link RecentValues}). Not thread-safe: one per column of a file.
 */
public final class RecentRedactions {

    /** Room for a column's categories and the values that come between their repeats. */
    private static final int SLOTS = 1024;

    private final PiiRedactor redactor;
    private final String field;
    private final PiiRedactor.Replacement replacement;
    private final RecentValues<PiiRedactor.Redaction> recent = new RecentValues<>(SLOTS);

    /** For the values of {@code field}, each finding replaced by what {@code replacement} makes of it. */
    public RecentRedactions(PiiRedactor redactor, String field, PiiRedactor.Replacement replacement) {
        this.redactor = redactor;
        this.field = field;
        this.replacement = replacement;
    }

    /** What {@link PiiRedactor#redact(String, String, PiiRedactor.Replacement)} answers for the value. */
    public PiiRedactor.Redaction redact(String value) {
        PiiRedactor.Redaction redaction = recent.find(value);
        if (redaction == null) {
            redaction = redactor.redact(value, field, replacement);
            recent.remember(value, redaction);
        }
        return redaction;
    }

    /**
     * What {@link #redact(String)} answered for the value whose ASCII bytes are {@code ascii} from {@code from} to
     * {@code to} ({@code hash} its string's hash code), if it is recent; else null, and {@link #redact(String,
     * byte[], int, int)} works it out.
     */
    public PiiRedactor.Redaction recent(byte[] ascii, int from, int to, int hash) {
        return recent.find(ascii, from, to, hash);
    }

    /** What {@link #redact(String)} answers, remembered so that {@link #recent} finds it by the value's bytes. */
    public PiiRedactor.Redaction redact(String value, byte[] ascii, int from, int to) {
        PiiRedactor.Redaction redaction = redactor.redact(value, field, replacement);
        recent.remember(value, ascii, from, to, redaction);
        return redaction;
    }

    /** Whether the column repeated too little for the table to pay. */
    boolean givenUp() {
        return recent.givenUp();
    }
}
