package dev.modelyard.privacy.detect;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rates phone number candidates against the numbering plans: a number valid in its plan is almost
 * certainly a phone, one that is only of a possible length needs context to count.
 */
final class PhoneNumbers {

    static final double VALID_INTERNATIONAL = 0.9;
    static final double VALID_NATIONAL = 0.7;
    static final double POSSIBLE = 0.4;

    private static final PhoneNumberUtil PLANS = PhoneNumberUtil.getInstance();

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

    static double score(String candidate) {
        int digits = 0;
        for (int i = 0; i < candidate.length(); i++) {
            if (Character.isDigit(candidate.charAt(i))) {
                digits++;
            }
        }
        if (digits < 7 || digits > 15 || OTHER_NUMBERS.matcher(candidate).matches()) {
            return 0;
        }
        if (candidate.charAt(0) == '+') {
            Phonenumber.PhoneNumber number = parse(candidate, "ZZ");
            return number == null ? 0 : isValidInternational(number) ? VALID_INTERNATIONAL
                    : PLANS.isPossibleNumber(number) ? POSSIBLE : 0;
        }
        double best = 0;
        for (String region : candidate.charAt(0) == '0' ? TRUNK_ZERO_REGIONS : NORTH_AMERICA) {
            Phonenumber.PhoneNumber number = parse(candidate, region);
            if (number != null && PLANS.isValidNumberForRegion(number, region)) {
                return VALID_NATIONAL;
            }
            if (number != null && best == 0 && PLANS.isPossibleNumber(number)) {
                best = POSSIBLE;
            }
        }
        return best;
    }

    /**
     * Tries the country code's main region first: {@code isValidNumber} alone tries every region sharing
     * the code (25 for +1), which costs several times as much.
     */
    private static boolean isValidInternational(Phonenumber.PhoneNumber number) {
        String mainRegion = PLANS.getRegionCodeForCountryCode(number.getCountryCode());
        return PLANS.isValidNumberForRegion(number, mainRegion) || PLANS.isValidNumber(number);
    }

    private static Phonenumber.PhoneNumber parse(String candidate, String region) {
        try {
            return PLANS.parse(candidate, region);
        } catch (NumberParseException e) {
            return null;
        }
    }
}
