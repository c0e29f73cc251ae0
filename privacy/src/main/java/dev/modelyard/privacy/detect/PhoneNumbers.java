package dev.modelyard.privacy.detect;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rates phone number candidates against the numbering plans: a number valid in its plan is almost
 * certainly a phone, one that is only of a possible length needs context to count.
 *
 * <p>The plans are libphonenumber's, but its {@code parse} is built for any text a person may type
 * (extensions, letters, Unicode digits, {@code tel:} URIs) and costs tens of microseconds, most of it in
 * patterns our candidates can never need. Candidates here are ASCII digits with separators, so the number
 * is read from the digits directly, following the same steps as {@code parse} (calling code, national
 * prefix with its transform rule, the length check that decides whether the prefix is stripped, Italian
 * leading zeros), and checked against the plan's own patterns. The few shapes those steps do not cover
 * (an international dialling prefix, a national number starting with the calling code) go to
 * {@code parse} itself.
 *
 * <p>Each plan is read from the metadata once into a {@link Plan}, so no call looks metadata up by region
 * or calling code: its possible lengths become bit sets, which rule most numbers in or out before any
 * pattern runs, and its number patterns become automata over the digits ({@link DigitPattern}), which
 * read each digit once where the regex engine tries a long alternation branch by branch.
 */
final class PhoneNumbers {

    static final double VALID_INTERNATIONAL = 0.9;
    static final double VALID_NATIONAL = 0.7;
    static final double POSSIBLE = 0.4;

    private static final PhoneNumberUtil PLANS = PhoneNumberUtil.getInstance();
    private static final MetadataSource METADATA =
            DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    /** libphonenumber's region code for calling codes that belong to no country (+800, +979, ...). */
    private static final String NON_GEOGRAPHICAL = "001";
    /** libphonenumber's bounds on a national significant number. */
    private static final int MIN_NATIONAL_LENGTH = 2;
    private static final int MAX_NATIONAL_LENGTH = 17;
    private static final int MAX_CALLING_CODE_LENGTH = 3;
    private static final int MIN_DIGITS = 7;
    private static final int MAX_DIGITS = 15;
    private static final boolean[] CALLING_CODES = new boolean[1000];

    static {
        PLANS.getSupportedCallingCodes().forEach(code -> CALLING_CODES[code] = true);
    }

    /** The plan of each calling code's main region, built on first use: the same plan whichever thread builds it. */
    private static final AtomicReferenceArray<Plan> PLANS_BY_CALLING_CODE = new AtomicReferenceArray<>(CALLING_CODES.length);
    private static final Map<String, Plan> PLANS_BY_REGION = new ConcurrentHashMap<>();

    /**
     * Where a number written without a country code is most likely from, the first plan it is valid in
     * winning: a leading trunk 0 is European, the other shapes the pattern accepts are North American.
     */
    private static final List<Plan> TRUNK_ZERO_REGIONS = List.of(planForRegion("GB"), planForRegion("DE"), planForRegion("FR"));
    private static final List<Plan> NORTH_AMERICA = List.of(planForRegion("US"));

    private PhoneNumbers() {
    }

    /** The score of a candidate the phone pattern proposed: ASCII digits, separators, parentheses, a leading {@code +}. */
    static double score(String candidate) {
        String digits = digitsOf(candidate);
        if (digits == null || isOtherNumber(candidate)) {
            return 0;
        }
        if (candidate.charAt(0) == '+') {
            Reading number = international(digits);
            return number == null ? 0 : isValidInternational(number) ? VALID_INTERNATIONAL
                    : isPossible(number) ? POSSIBLE : 0;
        }
        double best = 0;
        for (Plan region : candidate.charAt(0) == '0' ? TRUNK_ZERO_REGIONS : NORTH_AMERICA) {
            Reading number = national(candidate, digits, region);
            if (number != null && region.isValid(number)) {
                return VALID_NATIONAL;
            }
            if (number != null && best == 0 && isPossible(number)) {
                best = POSSIBLE;
            }
        }
        return best;
    }

    /**
     * A number as libphonenumber holds it after {@code parse}: its calling code and its national
     * significant number, the digits its plan's patterns are matched against.
     */
    record Reading(int callingCode, String significant) {

        static Reading of(Phonenumber.PhoneNumber number) {
            return new Reading(number.getCountryCode(), PLANS.getNationalSignificantNumber(number));
        }
    }

    /** What {@code parse} makes of a number written with a {@code +}, null where it refuses it. */
    static Reading international(String digits) {
        if (digits.charAt(0) == '0') {
            return null;
        }
        for (int length = 1; length <= MAX_CALLING_CODE_LENGTH && length <= digits.length(); length++) {
            int callingCode = Integer.parseInt(digits, 0, length, 10);
            if (CALLING_CODES[callingCode]) {
                return withNationalNumber(digits.substring(length), planForCallingCode(callingCode));
            }
        }
        return null;
    }

    /** What {@code parse(candidate, region)} makes of a number written without a country code, null where it refuses it. */
    static Reading national(String candidate, String digits, Plan region) {
        if (region.internationalPrefix.matchesStartOf(digits) || digits.startsWith(region.callingCodeDigits)) {
            Phonenumber.PhoneNumber number = parse(candidate, region.regionCode);
            return number == null ? null : Reading.of(number);
        }
        return withNationalNumber(digits, region);
    }

    /**
     * Tries the country code's main region first: {@code isValidNumber} alone tries every region sharing
     * the code (25 for +1), which costs several times as much.
     */
    private static boolean isValidInternational(Reading number) {
        return planForCallingCode(number.callingCode()).isValid(number)
                || PLANS.getRegionCodesForCountryCode(number.callingCode()).size() > 1 && isValidInAnyRegion(number);
    }

    /**
     * {@code isValidNumber} for a calling code several regions share: the number is judged by the first
     * region whose leading digits it starts with or, for regions without leading digits, that it is valid in.
     */
    private static boolean isValidInAnyRegion(Reading number) {
        for (String regionCode : PLANS.getRegionCodesForCountryCode(number.callingCode())) {
            Plan region = planForRegion(regionCode);
            if (region.leadingDigits != null) {
                if (region.leadingDigits.matchesStartOf(number.significant())) {
                    return region.isValid(number);
                }
            } else if (region.isValid(number)) {
                return true;
            }
        }
        return false;
    }

    /** {@code isPossibleNumber}: the length test of the calling code's main plan. */
    private static boolean isPossible(Reading number) {
        Plan plan = planForCallingCode(number.callingCode());
        return plan != null && Plan.hasLength(plan.possibleLengths, number.significant().length());
    }

    /** The number with its national prefix stripped where the plan says so, as {@code parse} does. */
    private static Reading withNationalNumber(String national, Plan plan) {
        String stripped = plan.withoutNationalPrefix(national);
        if (Plan.hasLength(plan.lengthsKeptStripped, stripped.length())) {
            national = stripped;
        }
        if (national.length() < MIN_NATIONAL_LENGTH || national.length() > MAX_NATIONAL_LENGTH) {
            return null;
        }
        // parse keeps leading zeros as a count and the rest as a number, which together spell the digits again.
        return new Reading(plan.callingCode, national);
    }

    private static Plan planForCallingCode(int callingCode) {
        if (callingCode < 0 || callingCode >= CALLING_CODES.length || !CALLING_CODES[callingCode]) {
            return null;
        }
        Plan plan = PLANS_BY_CALLING_CODE.get(callingCode);
        if (plan == null) {
            String region = PLANS.getRegionCodeForCountryCode(callingCode);
            plan = NON_GEOGRAPHICAL.equals(region)
                    ? new Plan(METADATA.getMetadataForNonGeographicalRegion(callingCode)) : planForRegion(region);
            PLANS_BY_CALLING_CODE.set(callingCode, plan);
        }
        return plan;
    }

    static Plan planForRegion(String region) {
        return PLANS_BY_REGION.computeIfAbsent(region, code -> new Plan(METADATA.getMetadataForRegion(code)));
    }

    /** The candidate's ASCII digits, or null where they are too few or too many for a phone number. */
    private static String digitsOf(String candidate) {
        char[] digits = new char[MAX_DIGITS];
        int count = 0;
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c >= '0' && c <= '9') {
                if (count == MAX_DIGITS) {
                    return null;
                }
                digits[count++] = c;
            }
        }
        return count < MIN_DIGITS ? null : new String(digits, 0, count);
    }

    /**
     * Whether the candidate is the whole of another number that numbering plans would accept: a
     * day-month-year date ({@code 01.02.2024}: 1-2, 1-2 and 2-4 digits, each separator one of
     * {@code ./-}), a US social security number ({@code 064-30-5417}) or a ZIP+4 code ({@code 08282-7458}).
     */
    private static boolean isOtherNumber(String candidate) {
        int firstEnd = digitRunEnd(candidate, 0);
        if (firstEnd == 0 || firstEnd == candidate.length()) {
            return false;
        }
        char firstSeparator = candidate.charAt(firstEnd);
        int secondEnd = digitRunEnd(candidate, firstEnd + 1);
        int first = firstEnd;
        int second = secondEnd - firstEnd - 1;
        if (secondEnd == candidate.length()) {
            return firstSeparator == '-' && first == 5 && second == 4;
        }
        char secondSeparator = candidate.charAt(secondEnd);
        int thirdEnd = digitRunEnd(candidate, secondEnd + 1);
        if (thirdEnd != candidate.length()) {
            return false;
        }
        int third = thirdEnd - secondEnd - 1;
        return isDateSeparator(firstSeparator) && isDateSeparator(secondSeparator)
                && first <= 2 && second >= 1 && second <= 2 && third >= 2 && third <= 4
                || firstSeparator == '-' && secondSeparator == '-' && first == 3 && second == 2 && third == 4;
    }

    private static int digitRunEnd(String text, int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
            end++;
        }
        return end;
    }

    private static boolean isDateSeparator(char c) {
        return c == '.' || c == '/' || c == '-';
    }

    /** libphonenumber's own reading, for the shapes the shortcut leaves to it; null where it refuses the text. */
    static Phonenumber.PhoneNumber parse(String candidate, String region) {
        try {
            return PLANS.parse(candidate, region);
        } catch (NumberParseException e) {
            return null;
        }
    }

    /**
     * One region's numbering plan, read from its metadata once: the patterns compiled, the possible
     * lengths as bit sets (bit {@code n} for length {@code n}).
     */
    static final class Plan {

        final String regionCode;
        final int callingCode;
        final String callingCodeDigits;
        final DigitPattern internationalPrefix;
        /** Null where the plan has no national prefix for parsing. */
        final Pattern nationalPrefix;
        final String nationalPrefixTransformRule;
        /** Null where the plan does not tell its numbers apart by leading digits. */
        final DigitPattern leadingDigits;
        final NumberKind general;
        /** Any will do, so the types most numbers are of go first. */
        final List<NumberKind> types;
        /** The lengths of a number of any type: a number of any other length is not valid. */
        final long validLengths;
        /** The lengths {@code parse} keeps a number at once its national prefix is stripped. */
        final long lengthsKeptStripped;
        /** The lengths {@code isPossibleNumber} accepts. */
        final long possibleLengths;

        Plan(PhoneMetadata metadata) {
            regionCode = metadata.getId();
            callingCode = metadata.getCountryCode();
            callingCodeDigits = String.valueOf(callingCode);
            internationalPrefix = DigitPattern.compile(metadata.getInternationalPrefix());
            nationalPrefix = metadata.getNationalPrefixForParsing().isEmpty() ? null : Patterns.compile(metadata.getNationalPrefixForParsing());
            nationalPrefixTransformRule = metadata.getNationalPrefixTransformRule();
            leadingDigits = metadata.hasLeadingDigits() ? DigitPattern.compile(metadata.getLeadingDigits()) : null;
            general = NumberKind.of(metadata.getGeneralDesc());
            types = Stream.of(metadata.getFixedLine(), metadata.getSameMobileAndFixedLinePattern() ? null : metadata.getMobile(),
                            metadata.getTollFree(), metadata.getPremiumRate(), metadata.getSharedCost(), metadata.getVoip(),
                            metadata.getPersonalNumber(), metadata.getPager(), metadata.getUan(), metadata.getVoicemail())
                    .filter(Objects::nonNull).map(NumberKind::of).filter(type -> type.pattern() != null).toList();
            validLengths = general.lengths() & types.stream().mapToLong(NumberKind::lengths).reduce(0, (a, b) -> a | b);
            lengthsKeptStripped = lengthsWhere(length -> keepsStripped(length, metadata.getGeneralDesc()));
            possibleLengths = lengthsWhere(length -> isPossibleLength(length, metadata.getGeneralDesc()));
        }

        static boolean hasLength(long lengths, int length) {
            return length < Long.SIZE && (lengths >>> length & 1) != 0;
        }

        /** Whether the number belongs to the plan and is of one of its types, as libphonenumber's validation decides it. */
        boolean isValid(Reading number) {
            String significant = number.significant();
            if (number.callingCode() != callingCode || !hasLength(validLengths, significant.length())
                    || !general.matches(significant)) {
                return false;
            }
            for (NumberKind type : types) {
                if (type.matches(significant)) {
                    return true;
                }
            }
            return false;
        }

        /** The plan's national prefix for parsing removed or transformed, unless that turns a viable number into a non-viable one. */
        String withoutNationalPrefix(String national) {
            if (national.isEmpty() || nationalPrefix == null) {
                return national;
            }
            Matcher matcher = nationalPrefix.matcher(national);
            if (!matcher.lookingAt()) {
                return national;
            }
            boolean viable = general.matchesPattern(national);
            String rule = nationalPrefixTransformRule;
            String result = rule == null || rule.isEmpty() || matcher.group(matcher.groupCount()) == null
                    ? national.substring(matcher.end())
                    : matcher.replaceFirst(rule);
            return viable && !general.matchesPattern(result) ? national : result;
        }

        private static long lengthsWhere(IntPredicate test) {
            long lengths = 0;
            for (int length = 0; length < Long.SIZE; length++) {
                if (test.test(length)) {
                    lengths |= 1L << length;
                }
            }
            return lengths;
        }

        /**
         * Whether {@code parse} keeps the number with its prefix stripped: unless its length is too short,
         * possible only for local dialling, or no length the plan knows.
         */
        private static boolean keepsStripped(int length, PhoneNumberDesc general) {
            List<Integer> lengths = general.getPossibleLengthList();
            if (lengths.isEmpty() || lengths.get(0) == -1 || general.getPossibleLengthLocalOnlyList().contains(length)) {
                return false;
            }
            int shortest = lengths.get(0);
            if (length <= shortest) {
                return length == shortest;
            }
            return length > lengths.get(lengths.size() - 1) || lengths.contains(length);
        }

        /** {@code isPossibleNumber}'s length test: a length the plan knows, or one possible for local dialling. */
        private static boolean isPossibleLength(int length, PhoneNumberDesc general) {
            List<Integer> lengths = general.getPossibleLengthList();
            return lengths.get(0) != -1
                    && (general.getPossibleLengthLocalOnlyList().contains(length) || lengths.contains(length));
        }
    }

    /**
     * A type of number in a plan: its pattern (null where the plan has none, so nothing is of the type)
     * and its possible lengths (every length where the plan lists none).
     */
    record NumberKind(DigitPattern pattern, long lengths) {

        static NumberKind of(PhoneNumberDesc desc) {
            DigitPattern pattern = desc.getNationalNumberPattern().isEmpty() ? null : DigitPattern.compile(desc.getNationalNumberPattern());
            // A length of -1 marks a type without numbers: no length is one of its lengths.
            long lengths = desc.getPossibleLengthList().isEmpty() ? -1L : desc.getPossibleLengthList().stream()
                    .filter(length -> length >= 0).mapToLong(length -> 1L << length).reduce(0, (a, b) -> a | b);
            return new NumberKind(pattern, lengths);
        }

        boolean matches(String significant) {
            return Plan.hasLength(lengths, significant.length()) && matchesPattern(significant);
        }

        boolean matchesPattern(String significant) {
            return pattern != null && pattern.matches(significant);
        }
    }
}
