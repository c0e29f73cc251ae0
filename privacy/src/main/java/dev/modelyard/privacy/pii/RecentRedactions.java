package dev.modelyard.privacy.pii;

/**
 * The redactions of one column's recent values. Columns of categories, cities, statuses or names repeat a few
 * values on every row, and a repeat is answered from here instead of being scanned again: exact, as detection
 * answers the same for the same value and field, and a policy's operators give the same output for the same
 * input within a tenant (keyed pseudonyms included). A column whose values rarely repeat (amounts,
 * identifiers) is given up on after a trial, so that hashing its values stops costing. Not thread-safe: one per
 * column of a file.
 */
public final class RecentRedactions {

    /** A direct-mapped table: a value that collides with another simply replaces it. */
    static final int SLOTS = 1024;
    /** Lookups after which a column that repeated too little is given up on. */
    static final int TRIAL = 4096;
    /** The share of a trial's lookups that must be repeats for the table to pay for its hashing. */
    private static final int MIN_REPEATS_PER_TRIAL = TRIAL / 4;

    private final PiiRedactor redactor;
    private final String field;
    private final PiiRedactor.Replacement replacement;
    private final String[] values = new String[SLOTS];
    private final PiiRedactor.Redaction[] redactions = new PiiRedactor.Redaction[SLOTS];
    private int lookups;
    private int repeats;
    private boolean givenUp;

    /** For the values of {@code field}, each finding replaced by what {@code replacement} makes of it. */
    public RecentRedactions(PiiRedactor redactor, String field, PiiRedactor.Replacement replacement) {
        this.redactor = redactor;
        this.field = field;
        this.replacement = replacement;
    }

    /** What {@link PiiRedactor#redact(String, String, PiiRedactor.Replacement)} answers for the value. */
    public PiiRedactor.Redaction redact(String value) {
        if (givenUp) {
            return redactor.redact(value, field, replacement);
        }
        if (++lookups == TRIAL) {
            // Judged on every trial, so a column that stops repeating (sorted data, a new section) is given up on too.
            givenUp = repeats < MIN_REPEATS_PER_TRIAL;
            lookups = 0;
            repeats = 0;
        }
        int slot = value.hashCode() & (SLOTS - 1);
        if (value.equals(values[slot])) {
            repeats++;
            return redactions[slot];
        }
        PiiRedactor.Redaction redaction = redactor.redact(value, field, replacement);
        values[slot] = value;
        redactions[slot] = redaction;
        return redaction;
    }

    /** Whether the column repeated too little for the table to pay. */
    boolean givenUp() {
        return givenUp;
    }
}
