package dev.modelyard.privacy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.privacy.pii.PiiType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each scanner must answer, at every position of every text, what its regular expression answers matched
 * there with {@code lookingAt} and transparent bounds: over the labelled corpus and its near misses, and over
 * random text built from the characters and fragments the shapes are made of.
 */
class CandidateScannersTest {

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final String MONTH_NAME = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?";

    /** What each scanner finds, as the regular expression it stands for. */
    static final Map<CandidateScanners, Pattern> SPECIFICATIONS = new EnumMap<>(Map.ofEntries(
            Map.entry(CandidateScanners.CARD_NUMBER,
                Pattern.compile("(?<![\\w-]|\\d[ -])\\d(?:[ -]?\\d){12,18}(?![\\w-]|[ -]\\d)")),
            Map.entry(CandidateScanners.SSN,
                Pattern.compile("(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}([- ])(?!00)\\d{2}\\1(?!0000)\\d{4}(?![\\d-])")),
            Map.entry(CandidateScanners.MAC_ADDRESS,
                Pattern.compile("(?<![\\w:-])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\\1[0-9A-Fa-f]{2}){4}(?![\\w:-])"
                        + "|(?<![\\w.])[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}(?![\\w.])")),
            Map.entry(CandidateScanners.IBAN,
                Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b")),
            Map.entry(CandidateScanners.EMAIL,
                Pattern.compile("(?<![\\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?![\\w-])")),
            Map.entry(CandidateScanners.KNOWN_SECRET,
                Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"
                        + "|\\bgh[pousr]_[A-Za-z0-9]{36}\\b"
                        + "|\\bgithub_pat_[A-Za-z0-9_]{22,}"
                        + "|\\bxox[baprs]-[A-Za-z0-9-]{10,}"
                        + "|\\b[sr]k_live_[A-Za-z0-9]{16,}"
                        + "|\\bAIza[0-9A-Za-z_-]{35}"
                        + "|-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----(?:[\\s\\S]*?-----END (?:[A-Z]+ )*PRIVATE KEY-----)?"
                        + "|\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}")),
            Map.entry(CandidateScanners.LONG_TOKEN,
                Pattern.compile("(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/=_-]{" + Recognizers.SECRET_MIN_LENGTH
                        + ",}(?![A-Za-z0-9+/=_-])")),
            Map.entry(CandidateScanners.IP_ADDRESS,
                Pattern.compile("(?<![\\d.])" + OCTET + "(?:\\." + OCTET + "){3}(?!\\d|\\.\\d)"
                        + "|(?<![\\w:.-])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]{1,4})?"
                        + "(?![\\w:-]|\\.\\d)")),
            Map.entry(CandidateScanners.PHONE_NUMBER,
                Pattern.compile("(?<![\\w+(]|\\d[ .-])(?:"
                        + "\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?){2,6}"
                        + "|(?:\\(\\d{3}\\) ?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}"
                        + "|0[1-9]\\d{0,3}(?:[ /.-]\\d{2,8}){1,4}"
                        + ")(?![\\w)])")),
            Map.entry(CandidateScanners.DATE,
                Pattern.compile("(?<![\\w./-])(?:\\d{1,2}[./-]\\d{1,2}[./-]\\d{4}|\\d{4}-\\d{2}-\\d{2}"
                        + "|\\d{1,2}\\.? " + MONTH_NAME + " \\d{4}|" + MONTH_NAME + " \\d{1,2},? \\d{4})(?![\\w/-]|\\.\\d)")),
            Map.entry(CandidateScanners.POSTAL_CODE,
                Pattern.compile("(?<![\\w.,-])\\d{5}(?:-\\d{4})?(?![\\w-]|[.,]\\d)")),
            Map.entry(CandidateScanners.UK_POSTCODE,
                Pattern.compile("\\b(?:[A-PR-UWYZ][A-HK-Y]?\\d[A-Z\\d]?) ?\\d[ABD-HJLNP-UW-Z]{2}\\b")),
            Map.entry(CandidateScanners.UK_NINO,
                Pattern.compile("\\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-D]\\b")),
            Map.entry(CandidateScanners.SPANISH_ID,
                Pattern.compile("\\b(?:\\d{8}|[XYZ]-?\\d{7})-?[A-Z]\\b")),
            Map.entry(CandidateScanners.ITALIAN_FISCAL_CODE,
                Pattern.compile("\\b[A-Z]{6}\\d{2}[A-EHLMPRST]\\d{2}[A-Z]\\d{3}[A-Z]\\b")),
            Map.entry(CandidateScanners.FRENCH_NIR,
                Pattern.compile("(?<![\\w-])[12] ?\\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\\d) ?(?:\\d{2}|2[AB])"
                        + " ?\\d{3} ?\\d{3} ?\\d{2}(?![\\w-])")),
            Map.entry(CandidateScanners.URL_WITH_CREDENTIALS,
                Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]{1,15}://[^\\s:/@]+:[^\\s/@]+@[^\\s/?#,;\"']+"))));

    private static final String ALPHABET = "0123456789abcdefABCDEFxyzXYZ -.:@_/+=,\n";
    /** Alphabets that make each shape likely, one picked per random text. */
    private static final String[] ALPHABETS = {
        ALPHABET, "0123456789 -", "0123456789-", "0123456789 -x", "0123456789abcdefABCDEF:-.x", "0123456789.",
        "0123456789abcdef:.", "ABCDEFGZ0123456789 _",
        "abcdexyz0123456789.@%+-_", "abcXYZ0123456789+/=_-", "ABCDEFGHIJKLMNOPRSTUVWXYZ -\n",
        "0123456789 +()-.x", "0123456789 /.-", "0123456789 .,-", "0123456789 ABXYZ-", "ABCDEHLMPRSTXYZ0123456789",
        "ABDEFGHJLNPQRSTUWXYZ0123456789 ",
        "abcxyzAB09+.-:/@ \t#?,;\"'\u00e9"};
    /** Pieces of the shapes that random characters seldom spell. */
    private static final String[] FRAGMENTS = {
        "AKIA", "ASIA", "ghp_", "gho_", "github_pat_", "xoxb-", "xoxs-", "sk_live_", "rk_live_", "AIza", "eyJ",
        ".eyJ", "-----BEGIN ", "-----END ", "PRIVATE KEY-----", "RSA ", "EC ", "PRIVATE ", "KEY-----",
        "DE89", "GB29", "::", "255.", "25", "192.168.", "fe80:", " ", "@", ".com", ".co.uk", "000", "666", "00", "0000",
        "\u0301", "é", "\ud83d\ude00", "_", "+", "+1 ", "+44 (0)", "(", ")", "(555) ", ") ", "0", "01", "030 ", "/",
        "Jan", "January ", "Sept. ", "May ", "Dec.", ", ", "1. ", "2A", "2B", "://", "https://", "user:", ":pw@",
        "SW1A ", "EC1A ", "M1 ", "CR2 ", "1AA", "AB ", "X-", "\t"};
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int RANDOM_TEXTS = 200_000;

    @Test
    void everyScannerFindsWhatItsPatternFindsAtEveryPosition() {
        List<String> texts = corpusTexts();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < RANDOM_TEXTS; i++) {
            texts.add(randomText(random));
        }
        for (CandidateScanners scanner : CandidateScanners.values()) {
            Matcher matcher = SPECIFICATIONS.get(scanner).matcher("");
            int matches = 0;
            for (String text : texts) {
                matcher.reset(text).useTransparentBounds(true).useAnchoringBounds(false);
                for (int at = 0; at < text.length(); at++) {
                    int expected = matcher.region(at, text.length()).lookingAt() ? matcher.end() : -1;
                    int actual = scanner.end(text, at);
                    if (actual != expected) {
                        assertThat(actual).as("%s at %d of \"%s\"", scanner, at, text).isEqualTo(expected);
                    }
                    matches += expected >= 0 ? 1 : 0;
                }
            }
            assertThat(matches).as("matches of %s", scanner).isGreaterThan(500);
        }
    }

    @Test
    void wordBoundariesAreJavasOnesAroundMarksAndSurrogates() {
        Pattern boundary = Pattern.compile("\\b");
        for (String text : List.of("a\u0301b", " \u0301x", "é\u0301A", "1\u0301\u0301 ", "\ud83d\ude00a", "\ud834\udd67x",
                "x\ud834\udd67", "_\u0301", "\u0301")) {
            Matcher matcher = boundary.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            for (int at = 0; at <= text.length(); at++) {
                boolean expected = matcher.region(at, text.length()).lookingAt();
                assertThat(CandidateScanners.isWordBoundary(text, at)).as("at %d of \"%s\"", at, text).isEqualTo(expected);
            }
        }
    }

    /** The labelled samples, near misses and bare values of every type, and values run together. */
    private static List<String> corpusTexts() {
        List<String> texts = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(13);
        for (long seed : new long[] {2, 3}) {
            LabelledCorpus corpus = new LabelledCorpus(seed);
            corpus.samples(3000).forEach(sample -> texts.add(sample.text()));
            for (int i = 0; i < 2000; i++) {
                texts.add(corpus.nearMiss().text());
                PiiType type = PiiType.values()[i % PiiType.values().length];
                String value = corpus.value(type);
                texts.add(value);
                texts.add(value + ALPHABET.charAt(random.nextInt(ALPHABET.length())) + corpus.value(type));
                texts.add(CandidateStartsTest.altered(value, random));
                texts.add(CandidateStartsTest.altered(value, random) + FRAGMENTS[random.nextInt(FRAGMENTS.length)]
                        + CandidateStartsTest.altered(value, random));
                texts.add(corpus.randomSecret());
            }
        }
        texts.add("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----");
        texts.add("-----BEGIN PRIVATE KEY-----abc-----END X PRIVATE KEY----- -----END PRIVATE KEY-----");
        texts.addAll(List.of("+49 (0)30 1234 5678", "+1 (555) 123-4567)", "+1234567890123456789012345678x",
                "+12 3456 7890 1234 5678 9012 3456", "0301 23/45/67 89-01x", "(555) 123-4567x", "555.123.4567",
                "15. March 1985", "Sept. 3, 1990", "Mayo 3 1990", "1 85 05 2A 123 456 78", "2850599123456-",
                "postgres://app:s3cr:et@db.example.com:5432/app?ssl=1", "ab+c.d-e://u:p@h"));
        return texts;
    }

    /** Characters from one alphabet, with fragments of the shapes and runs of letters and digits in between. */
    private static String randomText(SplittableRandom random) {
        String alphabet = ALPHABETS[random.nextInt(ALPHABETS.length)];
        StringBuilder text = new StringBuilder();
        for (int length = random.nextInt(1, 64); text.length() < length; ) {
            switch (random.nextInt(16)) {
                case 0, 1 -> text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 2 -> {
                    String run = random.nextBoolean() ? ALPHANUMERIC : alphabet;
                    for (int i = random.nextInt(4, 40); i > 0; i--) {
                        text.append(run.charAt(random.nextInt(run.length())));
                    }
                }
                default -> text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return text.toString();
    }
}
