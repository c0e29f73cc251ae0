package dev.modelyard.privacy.detect;

/**
 * Where each built-in kind's values can begin: the characters they begin with and the characters they never
 * follow (a lookbehind's or a word boundary's), looked up in tables, so a scanner is only called where one of
 * its values could start. The tables are a necessary condition of each kind's pattern, never a sufficient one:
 * the {@link CandidateScanners scanner} still decides, so findings are the same as searching the whole text.
 * No test of the characters at a position comes on top: a scanner refuses a wrong start after as few
 * characters as a test would read, so a test in front of it would read them twice.
 */
final class CandidateStarts {

    private static final String DIGITS = "0123456789";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String HEX = DIGITS + "ABCDEFabcdef";
    private static final String WORD = UPPER + LOWER + DIGITS + "_";

    /** Each with the characters its candidates begin with and those they never follow. */
    static final CandidateStart EMAIL = CandidateStart.of(WORD + ".%+-", WORD + ".%+-");
    static final CandidateStart URL_WITH_CREDENTIALS = CandidateStart.of(UPPER + LOWER, WORD);
    static final CandidateStart PHONE = CandidateStart.of(DIGITS + "+(", WORD + "+(");
    static final CandidateStart CARD_NUMBER = CandidateStart.of(DIGITS, WORD + "-");
    static final CandidateStart IBAN = CandidateStart.of(UPPER, WORD);
    static final CandidateStart IP_ADDRESS = CandidateStart.of(HEX + ":", DIGITS + ".");
    static final CandidateStart MAC_ADDRESS = CandidateStart.of(HEX, WORD);
    static final CandidateStart SSN = CandidateStart.of(DIGITS, DIGITS + "-");
    static final CandidateStart DATE = CandidateStart.of(DIGITS + "JFMASOND", WORD + "./-");
    static final CandidateStart POSTAL_CODE = CandidateStart.of(DIGITS, WORD + ".,-");
    static final CandidateStart UK_POSTCODE = CandidateStart.of("ABCDEFGHIJKLMNOPRSTUWYZ", WORD);
    static final CandidateStart UK_NINO = CandidateStart.of("ABCEGHJKLMNOPRSTWXYZ", WORD);
    static final CandidateStart SPANISH_ID = CandidateStart.of(DIGITS + "XYZ", WORD);
    static final CandidateStart ITALIAN_FISCAL_CODE = CandidateStart.of(UPPER, WORD);
    static final CandidateStart FRENCH_NIR = CandidateStart.of("12", WORD + "-");
    static final CandidateStart KNOWN_SECRET = CandidateStart.of("Agxsre-", "");
    static final CandidateStart LONG_TOKEN = CandidateStart.of(WORD + "+/=-", WORD + "+/=-");

    private CandidateStarts() {
    }
}
