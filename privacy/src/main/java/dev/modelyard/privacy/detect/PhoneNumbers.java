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
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rates phone number candidates against the numbering plans: a number valid in its plan is almost
 * certainly a phone, one that is only of a possible length needs context to count.
 *
 * <p>The plans are libphonenumber's, but its {@code parse} is built for any text a person may type
 * (extensions, letters, Unicode digits, {@code tel:} URIs) and costs tens of microseconds, most of it in
 * patterns our candidates can never need. Candidates here are ASCII digits with separators, so the number
 * is read from the digits directly, following the same steps as {@code parse} (calling code, national
 * prefix with its transform rule, the length check that decides whether the prefix is stripped, Italian
 * leading zeros), and checked against the plan's own patterns, compiled once. The few shapes those
 * steps do not cover (an international dialling prefix, a national number starting with the calling
 * code) go to {@code parse} itself.
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
    private static final boolean[] CALLING_CODES = new boolean[1000];

    static {
        PLANS.getSupportedCallingCodes().forEach(code -> CALLING_CODES[code] = true);
    }

    /** The plans' patterns, compiled once each: a few hundred regions with a dozen patterns at most. */
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    /**
     * Where a number written without a country code is most likely from, the first plan it is valid in
     * winning: a leading trunk 0 is European, the other shapes the pattern accepts are North American.
     */
    private static final List<String> TRUNK_ZERO_REGIONS = List.of("GB", "DE", "FR");
    private static final List<String> NORTH_AMERICA = List.of("US");

    /**
     * Shapes of other numbers that numbering plans would accept: day-month-year dates ({@code 01.02.2024}),
     * US social security numbers ({@code 064-30-5417}) and ZIP+4 codes ({@code 08282-7458}).
     */
    private static final Pattern OTHER_NUMBERS = Pattern.compile(
            "\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|\\d{3}-\\d{2}-\\d{4}|\\d{5}-\\d{4}");

    private PhoneNumbers() {
    }

    /** The score of a candidate the phone pattern proposed: ASCII digits, separators, parentheses, a leading {@code +}. */
    static double score(String candidate) {
        String digits = digitsOf(candidate);
        if (digits.length() < 7 || digits.length() > 15 || OTHER_NUMBERS.matcher(candidate).matches()) {
            return 0;
        }
        if (candidate.charAt(0) == '+') {
            Phonenumber.PhoneNumber number = international(digits);
            return number == null ? 0 : isValidInternational(number) ? VALID_INTERNATIONAL
                    : PLANS.isPossibleNumber(number) ? POSSIBLE : 0;
        }
        double best = 0;
        for (String region : candidate.charAt(0) == '0' ? TRUNK_ZERO_REGIONS : NORTH_AMERICA) {
            Phonenumber.PhoneNumber number = national(candidate, digits, region);
            if (number != null && isValidIn(number, METADATA.getMetadataForRegion(region))) {
                return VALID_NATIONAL;
            }
            if (number != null && best == 0 && PLANS.isPossibleNumber(number)) {
                best = POSSIBLE;
            }
        }
        return best;
    }

    /** What {@code parse} makes of a number written with a {@code +}, null where it refuses it. */
    static Phonenumber.PhoneNumber international(String digits) {
        if (digits.charAt(0) == '0') {
            return null;
        }
        for (int length = 1; length <= MAX_CALLING_CODE_LENGTH && length <= digits.length(); length++) {
            int callingCode = Integer.parseInt(digits, 0, length, 10);
            if (CALLING_CODES[callingCode]) {
                return withNationalNumber(callingCode, digits.substring(length), metadataFor(callingCode));
            }
        }
        return null;
    }

    /** What {@code parse(candidate, region)} makes of a number written without a country code, null where it refuses it. */
    static Phonenumber.PhoneNumber national(String candidate, String digits, String region) {
        PhoneMetadata metadata = METADATA.getMetadataForRegion(region);
        if (pattern(metadata.getInternationalPrefix()).matcher(digits).lookingAt()
                || digits.startsWith(String.valueOf(metadata.getCountryCode()))) {
            return parse(candidate, region);
        }
        return withNationalNumber(metadata.getCountryCode(), digits, metadata);
    }

    /**
     * Tries the country code's main region first with the plans' own patterns: {@code isValidNumber}
     * alone tries every region sharing the code (25 for +1), which costs several times as much.
     */
    private static boolean isValidInternational(Phonenumber.PhoneNumber number) {
        return isValidIn(number, metadataFor(number.getCountryCode()))
                || PLANS.getRegionCodesForCountryCode(number.getCountryCode()).size() > 1 && PLANS.isValidNumber(number);
    }

    /** Whether the number belongs to the plan and is of one of its types, as libphonenumber's validation decides it. */
    private static boolean isValidIn(Phonenumber.PhoneNumber number, PhoneMetadata plan) {
        if (number.getCountryCode() != plan.getCountryCode()) {
            return false;
        }
        String significant = PLANS.getNationalSignificantNumber(number);
        if (!matches(significant, plan.getGeneralDesc())) {
            return false;
        }
        // Any type will do, so the types most numbers are of go first.
        return matches(significant, plan.getFixedLine())
                || !plan.getSameMobileAndFixedLinePattern() && matches(significant, plan.getMobile())
                || matches(significant, plan.getTollFree()) || matches(significant, plan.getPremiumRate())
                || matches(significant, plan.getSharedCost()) || matches(significant, plan.getVoip())
                || matches(significant, plan.getPersonalNumber()) || matches(significant, plan.getPager())
                || matches(significant, plan.getUan()) || matches(significant, plan.getVoicemail());
    }

    private static boolean matches(String significant, PhoneNumberDesc desc) {
        List<Integer> lengths = desc.getPossibleLengthList();
        if (!lengths.isEmpty() && !lengths.contains(significant.length())) {
            return false;
        }
        return matchesPattern(significant, desc);
    }

    private static boolean matchesPattern(String significant, PhoneNumberDesc desc) {
        String regex = desc.getNationalNumberPattern();
        return !regex.isEmpty() && pattern(regex).matcher(significant).matches();
    }

    /** The number with its national prefix stripped where the plan says so, as {@code parse} does. */
    private static Phonenumber.PhoneNumber withNationalNumber(int callingCode, String national, PhoneMetadata plan) {
        if (plan != null) {
            String stripped = withoutNationalPrefix(national, plan);
            if (keepsStripped(stripped.length(), plan.getGeneralDesc())) {
                national = stripped;
            }
        }
        if (national.length() < MIN_NATIONAL_LENGTH || national.length() > MAX_NATIONAL_LENGTH) {
            return null;
        }
        Phonenumber.PhoneNumber number = new Phonenumber.PhoneNumber().setCountryCode(callingCode);
        if (national.length() > 1 && national.charAt(0) == '0') {
            number.setItalianLeadingZero(true);
            int zeros = 1;
            while (zeros < national.length() - 1 && national.charAt(zeros) == '0') {
                zeros++;
            }
            if (zeros != 1) {
                number.setNumberOfLeadingZeros(zeros);
            }
        }
        return number.setNationalNumber(Long.parseLong(national));
    }

    /** The plan's national prefix for parsing removed or transformed, unless that turns a viable number into a non-viable one. */
    private static String withoutNationalPrefix(String national, PhoneMetadata plan) {
        String prefix = plan.getNationalPrefixForParsing();
        if (national.isEmpty() || prefix.isEmpty()) {
            return national;
        }
        Matcher matcher = pattern(prefix).matcher(national);
        if (!matcher.lookingAt()) {
            return national;
        }
        boolean viable = matchesPattern(national, plan.getGeneralDesc());
        String rule = plan.getNationalPrefixTransformRule();
        String result = rule == null || rule.isEmpty() || matcher.group(matcher.groupCount()) == null
                ? national.substring(matcher.end())
                : matcher.replaceFirst(rule);
        return viable && !matchesPattern(result, plan.getGeneralDesc()) ? national : result;
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

    private static PhoneMetadata metadataFor(int callingCode) {
        String region = PLANS.getRegionCodeForCountryCode(callingCode);
        return NON_GEOGRAPHICAL.equals(region)
                ? METADATA.getMetadataForNonGeographicalRegion(callingCode) : METADATA.getMetadataForRegion(region);
    }

    private static Pattern pattern(String regex) {
        return PATTERNS.computeIfAbsent(regex, Patterns::compile);
    }

    private static String digitsOf(String candidate) {
        StringBuilder digits = new StringBuilder(candidate.length());
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    /** libphonenumber's own reading, for the shapes the shortcut leaves to it; null where it refuses the text. */
    static Phonenumber.PhoneNumber parse(String candidate, String region) {
        try {
            return PLANS.parse(candidate, region);
        } catch (NumberParseException e) {
            return null;
        }
    }
}
