package dev.modelyard.privacy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The shortcut reading of candidates must score every one exactly as libphonenumber's own {@code parse}
 * and validation would: numbers of every region and type, written every way the library formats them,
 * with their last digits varied, cut short and lengthened, and look-alikes.
 */
class PhoneNumbersTest {

    private static final PhoneNumberUtil PLANS = PhoneNumberUtil.getInstance();

    @Test
    void scoresEveryCandidateAsLibphonenumbersParseAndValidationDo() {
        List<String> candidates = candidates(new SplittableRandom(11));
        assertThat(candidates).hasSizeGreaterThan(20_000);
        List<String> differing = new ArrayList<>();
        for (String candidate : candidates) {
            double expected = scoreByLibrary(candidate);
            if (PhoneNumbers.score(candidate) != expected) {
                differing.add(candidate + " expected " + expected + " got " + PhoneNumbers.score(candidate));
            }
        }
        assertThat(differing).isEmpty();
        assertThat(candidates.stream().filter(c -> PhoneNumbers.score(c) == PhoneNumbers.VALID_INTERNATIONAL)).hasSizeGreaterThan(1000);
        assertThat(candidates.stream().filter(c -> PhoneNumbers.score(c) == PhoneNumbers.VALID_NATIONAL)).hasSizeGreaterThan(100);
        assertThat(candidates.stream().filter(c -> PhoneNumbers.score(c) == PhoneNumbers.POSSIBLE)).hasSizeGreaterThan(100);
    }

    @Test
    void readsTheNumberAsParseDoes() {
        assertThat(PhoneNumbers.international("390612345678")).isEqualTo(PhoneNumbers.parse("+39 06 1234 5678", "ZZ"));
        assertThat(PhoneNumbers.international("4402071234567")).isEqualTo(PhoneNumbers.parse("+44 (0)20 7123 4567", "ZZ"));
        assertThat(PhoneNumbers.national("030 1234567", "0301234567", "DE")).isEqualTo(PhoneNumbers.parse("030 1234567", "DE"));
        assertThat(PhoneNumbers.international("0491234567")).isNull();
    }

    /** Every way the library writes each region's example numbers, varied, and the phone pattern's matches in them. */
    private static List<String> candidates(SplittableRandom random) {
        Set<String> candidates = new TreeSet<>();
        for (String region : PLANS.getSupportedRegions()) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                Phonenumber.PhoneNumber example = PLANS.getExampleNumberForType(region, type);
                if (example == null) {
                    continue;
                }
                for (int variant = 0; variant < 6; variant++) {
                    Phonenumber.PhoneNumber number = varied(example, variant, random);
                    for (PhoneNumberFormat format : PhoneNumberFormat.values()) {
                        addWritten(PLANS.format(number, format), candidates);
                    }
                }
            }
        }
        for (int i = 0; i < 3000; i++) {
            StringBuilder text = new StringBuilder(random.nextBoolean() ? "+" : random.nextBoolean() ? "0" : "");
            int digits = random.nextInt(6, 16);
            for (int d = 0; d < digits; d++) {
                text.append(random.nextInt(10));
                if (random.nextInt(4) == 0) {
                    text.append(" .-/".charAt(random.nextInt(4)));
                }
            }
            addWritten(text.toString(), candidates);
        }
        candidates.addAll(List.of("(011) 234-5678", "011 44 20 7123 4567", "1 415 555 0100", "(141) 555-0100",
                "034-05-9922", "01.02.2024", "08282-7458", "+800 1234 5678", "+979 123 456 789", "+1 555 123 4567"));
        return List.copyOf(candidates);
    }

    private static Phonenumber.PhoneNumber varied(Phonenumber.PhoneNumber example, int variant, SplittableRandom random) {
        long national = example.getNationalNumber();
        long varied = switch (variant) {
            case 0 -> national;
            case 1, 2 -> national / 100 * 100 + random.nextInt(100);
            case 3 -> national / 10;
            case 4 -> national * 10 + random.nextInt(10);
            default -> national / 10_000 * 10_000 + random.nextInt(10_000);
        };
        return new Phonenumber.PhoneNumber().mergeFrom(example).setNationalNumber(varied);
    }

    /** The text itself where it is made of what candidates are made of, and what the phone pattern proposes in it. */
    private static void addWritten(String text, Set<String> candidates) {
        if (text.matches("[+]?[0-9 ()./-]+") && Character.isDigit(text.charAt(text.length() - 1))
                && (text.charAt(0) == '+' || text.charAt(0) == '(' || Character.isDigit(text.charAt(0)))) {
            candidates.add(text);
        }
        Matcher matcher = Recognizers.PHONE_NUMBER.candidates().matcher(text);
        while (matcher.find()) {
            candidates.add(matcher.group());
        }
    }

    /** The score with every number read by libphonenumber's {@code parse} and judged by its validation. */
    private static double scoreByLibrary(String candidate) {
        long digits = candidate.chars().filter(Character::isDigit).count();
        if (digits < 7 || digits > 15 || candidate.matches("\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{3}-\\d{2}-\\d{4}|\\d{5}-\\d{4}")) {
            return 0;
        }
        if (candidate.charAt(0) == '+') {
            Phonenumber.PhoneNumber number = PhoneNumbers.parse(candidate, "ZZ");
            if (number == null) {
                return 0;
            }
            String mainRegion = PLANS.getRegionCodeForCountryCode(number.getCountryCode());
            return PLANS.isValidNumberForRegion(number, mainRegion) || PLANS.isValidNumber(number)
                    ? PhoneNumbers.VALID_INTERNATIONAL : PLANS.isPossibleNumber(number) ? PhoneNumbers.POSSIBLE : 0;
        }
        double best = 0;
        for (String region : candidate.charAt(0) == '0' ? List.of("GB", "DE", "FR") : List.of("US")) {
            Phonenumber.PhoneNumber number = PhoneNumbers.parse(candidate, region);
            if (number != null && PLANS.isValidNumberForRegion(number, region)) {
                return PhoneNumbers.VALID_NATIONAL;
            }
            if (number != null && best == 0 && PLANS.isPossibleNumber(number)) {
                best = PhoneNumbers.POSSIBLE;
            }
        }
        return best;
    }
}
