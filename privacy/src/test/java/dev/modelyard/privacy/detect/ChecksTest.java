package dev.modelyard.privacy.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelyard.privacy.pii.PiiType;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The checks read values in place; each must answer what its definition, spelled out plainly here on the
 * compact form of the value, answers: for real values, for near misses and for random ones of their shape.
 */
class ChecksTest {

    private static final int VALUES = 200_000;
    private static final String DIGITS = "0123456789";
    private static final String IBAN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-";

    @Test
    void cardNumbersPassExactlyWhereLuhnAndABrandsRangeAndLengthDo() {
        LabelledCorpus corpus = new LabelledCorpus(31);
        SplittableRandom random = new SplittableRandom(31);
        int passed = 0;
        for (int i = 0; i < VALUES; i++) {
            String value = switch (i % 4) {
                case 0 -> corpus.value(PiiType.CREDIT_CARD);
                case 1 -> mutated(corpus.value(PiiType.CREDIT_CARD), DIGITS, random);
                case 2 -> CardBrand.values()[random.nextInt(CardBrand.values().length)].samplePrefix(random)
                        + grouped(random(DIGITS, random.nextInt(6, 18), random), random);
                default -> grouped(random(DIGITS, random.nextInt(1, 22), random), random);
            };
            boolean expected = isCardNumberByDefinition(value);
            assertThat(Checks.isCardNumber(value)).as(value).isEqualTo(expected);
            passed += expected ? 1 : 0;
        }
        assertThat(passed).isBetween(VALUES / 8, VALUES / 2);
    }

    @Test
    void ibansPassExactlyWhereTheCountrysLengthAndMod97Do() {
        LabelledCorpus corpus = new LabelledCorpus(37);
        SplittableRandom random = new SplittableRandom(37);
        int passed = 0;
        for (int i = 0; i < VALUES; i++) {
            String value = switch (i % 4) {
                case 0 -> corpus.value(PiiType.IBAN);
                case 1 -> mutated(corpus.value(PiiType.IBAN), IBAN_CHARS, random);
                case 2 -> {
                    String iban = corpus.value(PiiType.IBAN);
                    yield random.nextBoolean() ? iban + random(IBAN_CHARS, 1, random) : iban.substring(0, iban.length() - 1);
                }
                default -> grouped(random("DEGBFRNLAZ", 2, random) + random(DIGITS, 2, random)
                        + random(IBAN_CHARS, random.nextInt(8, 30), random), random);
            };
            boolean expected = isIbanByDefinition(value);
            assertThat(Checks.isIban(value)).as(value).isEqualTo(expected);
            passed += expected ? 1 : 0;
        }
        assertThat(passed).isBetween(VALUES / 8, VALUES / 2);
    }

    @Test
    void entropyIsShannonsUpToRounding() {
        LabelledCorpus corpus = new LabelledCorpus(41);
        SplittableRandom random = new SplittableRandom(41);
        for (int i = 0; i < VALUES; i++) {
            String value = switch (i % 5) {
                case 0 -> corpus.randomSecret();
                case 1 -> corpus.value(PiiType.SECRET);
                case 2 -> random(TOKEN_CHARS.substring(0, random.nextInt(1, TOKEN_CHARS.length())),
                        random.nextInt(600), random);
                case 3 -> "ab".repeat(random.nextInt(20)) + "12".repeat(random.nextInt(5)) + "é€".repeat(random.nextInt(3));
                default -> random("aab\u00e9\u4e2d\ud83d\ude00" + TOKEN_CHARS, random.nextInt(40), random);
            };
            assertThat(Checks.entropy(value)).as(value).isCloseTo(entropyByDefinition(value), within(1e-9));
        }
        assertThat(Checks.entropy("")).isZero();
        assertThat(Checks.entropy("aaaa")).isZero();
        assertThat(Checks.entropy("abcd")).isEqualTo(2.0);
    }

    /** The value with one character replaced, or one inserted or removed. */
    private static String mutated(String value, String alphabet, SplittableRandom random) {
        int at = random.nextInt(value.length());
        String c = random(alphabet, 1, random);
        return switch (random.nextInt(3)) {
            case 0 -> value.substring(0, at) + c + value.substring(at + 1);
            case 1 -> value.substring(0, at) + c + value.substring(at);
            default -> value.substring(0, at) + value.substring(at + 1);
        };
    }

    /** The value with separators put between some of its characters. */
    private static String grouped(String value, SplittableRandom random) {
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            if (i > 0 && random.nextInt(5) == 0) {
                grouped.append(" -.".charAt(random.nextInt(3)));
            }
            grouped.append(value.charAt(i));
        }
        return grouped.toString();
    }

    private static String random(String alphabet, int length, SplittableRandom random) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static boolean isCardNumberByDefinition(String value) {
        String digits = Checks.withoutSeparators(value);
        if (!Checks.passesLuhn(digits)) {
            return false;
        }
        Map<CardBrand, int[][]> ranges = Map.of(
                CardBrand.VISA, new int[][] {{4, 4}},
                CardBrand.MASTERCARD, new int[][] {{51, 55}, {2221, 2720}},
                CardBrand.AMEX, new int[][] {{34, 34}, {37, 37}},
                CardBrand.DISCOVER, new int[][] {{6011, 6011}, {644, 649}, {65, 65}, {622126, 622925}},
                CardBrand.JCB, new int[][] {{3528, 3589}},
                CardBrand.DINERS, new int[][] {{300, 305}, {36, 36}, {38, 39}},
                CardBrand.UNIONPAY, new int[][] {{62, 62}});
        Map<CardBrand, int[]> lengths = Map.of(
                CardBrand.VISA, new int[] {13, 16, 19},
                CardBrand.MASTERCARD, new int[] {16},
                CardBrand.AMEX, new int[] {15},
                CardBrand.DISCOVER, new int[] {16, 17, 18, 19},
                CardBrand.JCB, new int[] {16, 17, 18, 19},
                CardBrand.DINERS, new int[] {14, 15, 16, 17, 18, 19},
                CardBrand.UNIONPAY, new int[] {16, 17, 18, 19});
        for (CardBrand brand : CardBrand.values()) {
            boolean lengthFits = false;
            for (int length : lengths.get(brand)) {
                lengthFits |= digits.length() == length;
            }
            for (int[] range : ranges.get(brand)) {
                int width = String.valueOf(range[0]).length();
                if (lengthFits && Integer.parseInt(digits, 0, width, 10) >= range[0]
                        && Integer.parseInt(digits, 0, width, 10) <= range[1]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isIbanByDefinition(String value) {
        String compact = Checks.withoutSeparators(value);
        Integer length = compact.length() < 2 ? null : Checks.IBAN_LENGTHS.get(compact.substring(0, 2));
        if (length == null || compact.length() != length) {
            return false;
        }
        int remainder = 0;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt((i + 4) % compact.length());
            remainder = c <= '9' ? (remainder * 10 + (c - '0')) % 97 : (remainder * 100 + (c - 'A' + 10)) % 97;
        }
        return remainder == 1;
    }

    private static double entropyByDefinition(String value) {
        Map<Integer, Long> counts = value.chars().map(c -> Math.min(c, 128)).boxed()
                .collect(Collectors.groupingBy(c -> c, Collectors.counting()));
        double bits = 0;
        for (long count : counts.values()) {
            double p = count / (double) value.length();
            bits -= p * Math.log(p);
        }
        return bits / Math.log(2);
    }
}
