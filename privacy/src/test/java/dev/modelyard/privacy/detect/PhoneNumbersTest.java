package dev.modelyard.privacy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import dev.modelyard.privacy.pii.PiiType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shortcut reading of candidates must score every one exactly as libphonenumber's own {@code parse}
 * and validation would: numbers of every region and type, written every way the library formats them,
 * with their last digits varied, cut short and lengthened, and look-alikes.
 */
class PhoneNumbersTest {

    private static final PhoneNumberUtil PLANS = PhoneNumberUtil.getInstance();
    private static final MetadataSource METADATA =
            DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();

    @Test
    void scoresEveryCandidateAsLibphonenumbersParseAndValidationDo() {
        List<String> candidates = candidates(new SplittableRandom(11));
        assertThat(candidates).hasSizeGreaterThan(20_000);
        assertScoredAsByLibrary(candidates, 1000, 100, 100);
    }

    @Test
    void scoresTheCorpusPhonesTheirNearMissesAndNumbersOfEveryCallingCodeAsLibphonenumberDoes() {
        LabelledCorpus corpus = new LabelledCorpus(23);
        Set<String> candidates = new TreeSet<>();
        for (int i = 0; i < 2000; i++) {
            addWritten(corpus.wholeCell(PiiType.PHONE_NUMBER).text(), candidates);
            addWritten(corpus.inText(PiiType.PHONE_NUMBER).text(), candidates);
            addWritten(corpus.nearMiss().text(), candidates);
        }
        SplittableRandom random = new SplittableRandom(29);
        for (int callingCode : PLANS.getSupportedCallingCodes()) {
            for (int length = 4; length <= 14; length++) {
                for (int i = 0; i < 3; i++) {
                    addWritten("+" + callingCode + " " + grouped(randomDigits(length, random), random), candidates);
                }
            }
        }
        for (String start : List.of("0", "00", "01", "011", "0044", "44", "49", "33", "1", "(")) {
            for (int length = 5; length <= 14; length++) {
                for (int i = 0; i < 40; i++) {
                    addWritten(start + grouped(randomDigits(length, random), random), candidates);
                }
            }
        }
        assertThat(candidates).hasSizeGreaterThan(12_000);
        assertScoredAsByLibrary(List.copyOf(candidates), 1000, 1000, 500);
    }

    @Test
    void readsTheNumberAsParseDoes() {
        assertThat(PhoneNumbers.international("390612345678"))
                .isEqualTo(PhoneNumbers.Reading.of(PhoneNumbers.parse("+39 06 1234 5678", "ZZ")));
        assertThat(PhoneNumbers.international("4402071234567"))
                .isEqualTo(PhoneNumbers.Reading.of(PhoneNumbers.parse("+44 (0)20 7123 4567", "ZZ")));
        assertThat(PhoneNumbers.national("030 1234567", "0301234567", PhoneNumbers.planForRegion("DE")))
                .isEqualTo(PhoneNumbers.Reading.of(PhoneNumbers.parse("030 1234567", "DE")));
        assertThat(PhoneNumbers.international("0491234567")).isNull();
    }

    /**
     * Every pattern of every plan, read as an automaton, accepts exactly what the regex engine accepts, and
     * patterns outside the syntax the automaton reads are matched by the regex engine.
     */
    @Test
    void digitPatternsMatchAsTheRegexEngineDoes() {
        SplittableRandom random = new SplittableRandom(31);
        List<String> shortTexts = new ArrayList<>(List.of(""));
        for (int length = 1; length <= 3; length++) {
            for (int n = 0; n < Math.pow(10, length); n++) {
                shortTexts.add(String.format("%0" + length + "d", n));
            }
        }
        int compared = 0;
        for (PhoneMetadata plan : allPlans()) {
            List<String> texts = new ArrayList<>(shortTexts);
            for (PhoneNumberDesc desc : descs(plan)) {
                texts.addAll(variedDigits(desc.getExampleNumber(), random));
            }
            for (int i = 0; i < 100; i++) {
                texts.add(randomDigits(random.nextInt(4, 18), random));
            }
            List<String> patterns = new ArrayList<>(List.of(plan.getInternationalPrefix(), plan.getLeadingDigits()));
            descs(plan).forEach(desc -> patterns.add(desc.getNationalNumberPattern()));
            for (String regex : patterns) {
                compared += assertMatchesAsRegexEngine(regex, texts);
            }
        }
        for (String outsideTheSyntax : List.of("\\d+", "[^0]\\d{2}", "1??2", "12{2,}", "(?=1)\\d{3}", "[1-3-5]\\d", "(1|2)*3")) {
            compared += assertMatchesAsRegexEngine(outsideTheSyntax, shortTexts);
        }
        String tooManyStates = "\\d{0,20}1\\d{12}";
        compared += assertMatchesAsRegexEngine(tooManyStates, List.of("1000000000000", "01000000000000", "0000000000000"));
        assertThat(compared).isGreaterThan(1_000_000);
    }

    private static int assertMatchesAsRegexEngine(String regex, List<String> texts) {
        DigitPattern automaton = DigitPattern.compile(regex);
        Pattern engine = Pattern.compile(regex);
        List<String> differing = new ArrayList<>();
        for (String text : texts) {
            if (automaton.matches(text) != engine.matcher(text).matches()
                    || automaton.matchesStartOf(text) != engine.matcher(text).lookingAt()) {
                differing.add(text);
            }
        }
        assertThat(differing).as(regex).isEmpty();
        return texts.size();
    }

    private static void assertScoredAsByLibrary(List<String> candidates, int validInternational, int validNational, int possible) {
        List<String> differing = new ArrayList<>();
        Map<Double, Integer> scores = new HashMap<>();
        for (String candidate : candidates) {
            double expected = scoreByLibrary(candidate);
            double score = PhoneNumbers.score(candidate);
            if (score != expected) {
                differing.add(candidate + " expected " + expected + " got " + score);
            }
            scores.merge(score, 1, Integer::sum);
        }
        assertThat(differing).isEmpty();
        assertThat(scores.getOrDefault(PhoneNumbers.VALID_INTERNATIONAL, 0)).isGreaterThan(validInternational);
        assertThat(scores.getOrDefault(PhoneNumbers.VALID_NATIONAL, 0)).isGreaterThan(validNational);
        assertThat(scores.getOrDefault(PhoneNumbers.POSSIBLE, 0)).isGreaterThan(possible);
    }

    private static List<PhoneMetadata> allPlans() {
        List<PhoneMetadata> plans = new ArrayList<>();
        new TreeSet<>(PLANS.getSupportedRegions()).forEach(region -> plans.add(METADATA.getMetadataForRegion(region)));
        new TreeSet<>(PLANS.getSupportedGlobalNetworkCallingCodes())
                .forEach(callingCode -> plans.add(METADATA.getMetadataForNonGeographicalRegion(callingCode)));
        return plans;
    }

    private static List<PhoneNumberDesc> descs(PhoneMetadata plan) {
        return List.of(plan.getGeneralDesc(), plan.getFixedLine(), plan.getMobile(), plan.getTollFree(),
                plan.getPremiumRate(), plan.getSharedCost(), plan.getVoip(), plan.getPersonalNumber(),
                plan.getPager(), plan.getUan(), plan.getVoicemail());
    }

    /** The digits, every start of them, and them with the last digit changed, one more digit and one less. */
    private static List<String> variedDigits(String digits, SplittableRandom random) {
        List<String> varied = new ArrayList<>();
        if (digits.isEmpty()) {
            return varied;
        }
        for (int end = 1; end <= digits.length(); end++) {
            varied.add(digits.substring(0, end));
        }
        String allButLast = digits.substring(0, digits.length() - 1);
        for (int d = 0; d <= 9; d++) {
            varied.add(allButLast + d);
            varied.add(digits + d);
            varied.add(d + digits);
        }
        varied.add(randomDigits(digits.length(), random));
        return varied;
    }

    private static String randomDigits(int length, SplittableRandom random) {
        StringBuilder digits = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    /** The digits as people group them: in blocks of two to four, split by a space, dot, dash or slash, or not at all. */
    private static String grouped(String digits, SplittableRandom random) {
        if (random.nextInt(4) == 0) {
            return digits;
        }
        char separator = " .-/".charAt(random.nextInt(4));
        StringBuilder text = new StringBuilder();
        for (int at = 0; at < digits.length(); ) {
            int end = Math.min(digits.length(), at + random.nextInt(2, 5));
            text.append(digits, at, end);
            if (end < digits.length()) {
                text.append(separator);
            }
            at = end;
        }
        return text.toString();
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
        Matcher matcher = CandidateScannersTest.SPECIFICATIONS.get(CandidateScanners.PHONE_NUMBER).matcher(text);
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
