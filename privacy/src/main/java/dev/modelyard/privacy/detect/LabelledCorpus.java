package dev.modelyard.privacy.detect;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.modelyard.privacy.pii.PiiType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded, labelled text for measuring detection: values of every built-in type with their gold spans,
 * in free text and as whole cells, mixed with near misses (numbers failing Luhn or mod 97, dates that are
 * not birth dates, order numbers shaped like phones, unlabelled five-digit numbers, long low-entropy
 * strings) and clean text. The same seed always gives the same corpus. Not thread-safe.
 */
public final class LabelledCorpus {

    /** A gold value: its type and the span {@code [start, end)} in the sample's text. */
    public record Span(String type, int start, int end) {
    }

    /** A text to scan, the field (column or key) it was found under, and the values it holds. */
    public record Sample(String field, String text, List<Span> gold) {
    }

    private static final PhoneNumberUtil PLANS = PhoneNumberUtil.getInstance();
    private static final List<String> PHONE_REGIONS = List.of("US", "GB", "DE", "FR", "IT", "ES", "NL", "IN", "BR", "JP", "AU");
    private static final List<String> NATIONAL_REGIONS = List.of("US", "GB", "DE", "FR");
    /** IBAN countries and their BBAN shapes: 'n' a digit, 'a' an upper-case letter. */
    private static final Map<String, String> IBAN_SHAPES = Map.of(
            "DE", "nnnnnnnnnnnnnnnnnn", "GB", "aaaannnnnnnnnnnnnn", "FR", "nnnnnnnnnnnnnnnnnnnnnnn",
            "NL", "aaaannnnnnnnnn", "ES", "nnnnnnnnnnnnnnnnnnnn", "IT", "annnnnnnnnnnnnnnnnnnnnn",
            "CH", "nnnnnnnnnnnnnnnnn", "BE", "nnnnnnnnnnnn", "PL", "nnnnnnnnnnnnnnnnnnnnnnnn", "NO", "nnnnnnnnnnn");
    private static final List<String> IBAN_COUNTRIES = IBAN_SHAPES.keySet().stream().sorted().toList();
    private static final List<String> UK_OUTWARD = List.of("SW1A", "EC1A", "W1A", "M1", "B33", "CR2", "LS1", "G2", "EH1", "BS8");
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String[] MONTH_NAMES = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};

    /** Words that introduce a value, per type; types that need context always get one. */
    private static final Map<PiiType, List<String>> LEAD_INS = new EnumMap<>(Map.ofEntries(
            Map.entry(PiiType.EMAIL_ADDRESS, List.of("email", "mail me at", "write to")),
            Map.entry(PiiType.PHONE_NUMBER, List.of("call", "phone:", "mobile", "tel.")),
            Map.entry(PiiType.CREDIT_CARD, List.of("card", "visa", "paid with card")),
            Map.entry(PiiType.IBAN, List.of("IBAN", "bank account", "transfer to")),
            Map.entry(PiiType.IP_ADDRESS, List.of("from IP", "client address", "host")),
            Map.entry(PiiType.MAC_ADDRESS, List.of("MAC", "device", "hardware address")),
            Map.entry(PiiType.URL_CREDENTIALS, List.of("connect with", "DSN", "endpoint")),
            Map.entry(PiiType.US_SSN, List.of("SSN", "social security number", "ssn:")),
            Map.entry(PiiType.DATE_OF_BIRTH, List.of("born", "DOB:", "date of birth", "geb.", "born on")),
            Map.entry(PiiType.POSTAL_CODE, List.of("ZIP", "zip code", "PLZ", "code postal", "postcode")),
            Map.entry(PiiType.UK_NINO, List.of("NINO", "national insurance number", "NI number")),
            Map.entry(PiiType.ES_DNI, List.of("DNI", "NIE", "documento")),
            Map.entry(PiiType.IT_FISCAL_CODE, List.of("codice fiscale", "CF")),
            Map.entry(PiiType.FR_NIR, List.of("NIR", "numéro INSEE", "securite sociale")),
            Map.entry(PiiType.SECRET, List.of("api key", "token", "password:", "secret"))));

    /** A column name per type, itself context, for whole-cell samples. */
    private static final Map<PiiType, String> COLUMNS = new EnumMap<>(Map.ofEntries(
            Map.entry(PiiType.EMAIL_ADDRESS, "email"), Map.entry(PiiType.PHONE_NUMBER, "phone"),
            Map.entry(PiiType.CREDIT_CARD, "card_number"), Map.entry(PiiType.IBAN, "iban"),
            Map.entry(PiiType.IP_ADDRESS, "client_ip"), Map.entry(PiiType.MAC_ADDRESS, "mac"),
            Map.entry(PiiType.URL_CREDENTIALS, "dsn"), Map.entry(PiiType.US_SSN, "ssn"),
            Map.entry(PiiType.DATE_OF_BIRTH, "date_of_birth"), Map.entry(PiiType.POSTAL_CODE, "zip"),
            Map.entry(PiiType.UK_NINO, "nino"), Map.entry(PiiType.ES_DNI, "dni"),
            Map.entry(PiiType.IT_FISCAL_CODE, "codice_fiscale"), Map.entry(PiiType.FR_NIR, "nir"),
            Map.entry(PiiType.SECRET, "api_key")));

    private static final List<String> OPENINGS = List.of("Hi team,", "Customer wrote:", "Note from support:",
            "Update:", "As discussed,", "Ticket summary:", "Per the call,", "");
    private static final List<String> NEUTRAL_LEAD_INS = List.of("it is", "use", "see", "->", "value");
    private static final List<String> CLOSINGS = List.of("please update the record.", "thanks!",
            "they asked us to keep it on file.", "see attached.", "", "regards, Sam");
    private static final List<String> CLEAN = List.of("The model scored well on the holdout set.",
            "Shipment left the warehouse on Monday, 3 items, total 129.90 EUR.",
            "Meeting moved to 14:30, room B2.", "Version 2.4 of the dataset is ready for review.",
            "We measured a latency of 35 ms at p99.", "Order 5512 was refunded in full.",
            "Please rate your experience from 1 to 5.", "Great product, would buy again!");

    private final SplittableRandom random;

    public LabelledCorpus(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** {@code count} samples: values in text and as cells, near misses and clean text, in a fixed mix. */
    public List<Sample> samples(int count) {
        List<Sample> samples = new ArrayList<>(count);
        PiiType[] types = PiiType.values();
        for (int i = 0; i < count; i++) {
            PiiType type = types[i % types.length];
            samples.add(switch (i / types.length % 5) {
                case 0, 1 -> inText(type);
                case 2 -> wholeCell(type);
                case 3 -> nearMiss();
                default -> new Sample("notes", pick(CLEAN), List.of());
            });
        }
        return samples;
    }

    /** A value of {@code type} inside a sentence, introduced by a word of its kind or, where it needs none, not always. */
    public Sample inText(PiiType type) {
        boolean needsContext = type == PiiType.DATE_OF_BIRTH || type == PiiType.POSTAL_CODE || type == PiiType.SECRET;
        String leadIn = needsContext || random.nextBoolean() ? pick(LEAD_INS.get(type)) : pick(NEUTRAL_LEAD_INS);
        String value = type == PiiType.SECRET && random.nextBoolean() ? randomSecret() : value(type);
        StringBuilder text = new StringBuilder(pick(OPENINGS));
        if (!text.isEmpty()) {
            text.append(' ');
        }
        text.append(leadIn).append(' ');
        int start = text.length();
        text.append(value).append(' ').append(pick(CLOSINGS));
        return new Sample("notes", text.toString().strip(), List.of(new Span(type.name(), start, start + value.length())));
    }

    /** A value of {@code type} as a whole cell of a column named for it. */
    public Sample wholeCell(PiiType type) {
        String value = value(type);
        return new Sample(COLUMNS.get(type), value, List.of(new Span(type.name(), 0, value.length())));
    }

    /** Text holding something shaped like personal data that is not. */
    public Sample nearMiss() {
        String text = switch (random.nextInt(9)) {
            case 0 -> "card " + failingLuhn();
            case 1 -> "IBAN " + failingMod97();
            case 2 -> "shipped on " + date(2015, 2024) + ", delivered two days later";
            case 3 -> "order " + nationalPhone("US") + " is on its way";
            case 4 -> "we sold " + digits(5) + " units last quarter";
            case 5 -> "token " + "ab".repeat(6 + random.nextInt(6)) + "12".repeat(3);
            case 6 -> "invalid ssn 000-" + digits(2) + "-" + digits(4) + " and 666-12-3456";
            case 7 -> "build from 999." + random.nextInt(1, 100) + ".1.1 failed";
            default -> "invoice no " + nationalPhone("US") + " paid";
        };
        return new Sample("notes", text, List.of());
    }

    /** A valid value of {@code type}, in one of the ways people write it. */
    public String value(PiiType type) {
        return switch (type) {
            case EMAIL_ADDRESS -> pick(List.of("jane.doe", "j.smith", "ops", "m.rossi+ml", "kim_lee", "anna"))
                    + random.nextInt(1000) + "@" + pick(List.of("example.com", "mail.example.co.uk", "corp.example.org"));
            case PHONE_NUMBER -> random.nextBoolean() ? internationalPhone() : nationalPhone(pick(NATIONAL_REGIONS));
            case CREDIT_CARD -> cardNumber();
            case IBAN -> iban(true);
            case IP_ADDRESS -> random.nextBoolean() ? ipv4() : ipv6();
            case MAC_ADDRESS -> mac();
            case URL_CREDENTIALS -> pick(List.of("postgres", "mysql", "https", "redis", "amqp")) + "://"
                    + pick(List.of("admin", "svc_etl", "bob")) + ":" + token(ALNUM, 10) + "@"
                    + pick(List.of("db.internal", "10.0.0.5", "cache.example.com")) + ":" + random.nextInt(1024, 9999);
            case US_SSN -> ssn();
            case DATE_OF_BIRTH -> date(1930, 2010);
            case POSTAL_CODE -> postalCode();
            case UK_NINO -> nino();
            case ES_DNI -> spanishId();
            case IT_FISCAL_CODE -> token(UPPER, 6) + digits(2) + pick(List.of("A", "B", "C", "D", "E", "H", "L", "M"))
                    + String.format("%02d", random.nextInt(1, 72)) + token(UPPER, 1) + digits(3) + token(UPPER, 1);
            case FR_NIR -> nir();
            case SECRET -> knownSecret();
        };
    }

    /** A long random string, a secret only by its entropy and the word before it. */
    public String randomSecret() {
        return token(ALNUM, 20 + random.nextInt(21));
    }

    private String internationalPhone() {
        Phonenumber.PhoneNumber number = validPhone(pick(PHONE_REGIONS));
        return PLANS.format(number, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
    }

    private String nationalPhone(String region) {
        return PLANS.format(validPhone(region), PhoneNumberUtil.PhoneNumberFormat.NATIONAL);
    }

    /** The plan's example number with its last digits varied until it is valid again. */
    private Phonenumber.PhoneNumber validPhone(String region) {
        PhoneNumberUtil.PhoneNumberType kind = random.nextBoolean()
                ? PhoneNumberUtil.PhoneNumberType.MOBILE : PhoneNumberUtil.PhoneNumberType.FIXED_LINE;
        Phonenumber.PhoneNumber example = PLANS.getExampleNumberForType(region, kind);
        for (int attempt = 0; attempt < 20; attempt++) {
            long national = example.getNationalNumber() / 1000 * 1000 + random.nextInt(1000);
            Phonenumber.PhoneNumber varied = new Phonenumber.PhoneNumber()
                    .setCountryCode(example.getCountryCode()).setNationalNumber(national);
            if (PLANS.isValidNumber(varied)) {
                return varied;
            }
        }
        return example;
    }

    private String cardNumber() {
        CardBrand brand = CardBrand.values()[random.nextInt(CardBrand.values().length)];
        String prefix = brand.samplePrefix(random);
        String body = prefix + digits(brand.sampleLength(random) - prefix.length() - 1);
        for (int check = 0; check < 10; check++) {
            if (Checks.passesLuhn(body + check)) {
                return grouped(body + check);
            }
        }
        throw new IllegalStateException("no Luhn check digit for " + body);
    }

    private String failingLuhn() {
        String valid = cardNumber();
        char last = valid.charAt(valid.length() - 1);
        return valid.substring(0, valid.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }

    private String iban(boolean valid) {
        String country = pick(IBAN_COUNTRIES);
        StringBuilder bban = new StringBuilder();
        for (char kind : IBAN_SHAPES.get(country).toCharArray()) {
            bban.append(kind == 'n' ? digits(1) : token(UPPER, 1));
        }
        String check = Checks.ibanCheckDigits(country, bban.toString());
        if (!valid) {
            check = String.format("%02d", (Integer.parseInt(check) + 1 + random.nextInt(95)) % 97);
        }
        String compact = country + check + bban;
        return random.nextBoolean() ? compact : compact.replaceAll("(.{4})(?!$)", "$1 ");
    }

    private String failingMod97() {
        String candidate = iban(false);
        return Checks.isIban(candidate) ? failingMod97() : candidate;
    }

    private String ipv4() {
        return random.nextInt(1, 224) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    private String ipv6() {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            groups.add(Integer.toHexString(random.nextInt(0x10000)));
        }
        String full = String.join(":", groups);
        return random.nextBoolean() ? full : groups.get(0) + ":" + groups.get(1) + "::" + groups.get(7);
    }

    private String mac() {
        String separator = random.nextBoolean() ? ":" : "-";
        StringBuilder mac = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            mac.append(i > 0 ? separator : "").append(String.format("%02x", random.nextInt(256)));
        }
        return random.nextBoolean() ? mac.toString() : mac.toString().toUpperCase(Locale.ROOT);
    }

    private String ssn() {
        int area = random.nextInt(1, 900);
        if (area == 666) {
            area = 667;
        }
        return String.format("%03d-%02d-%04d", area, random.nextInt(1, 100), random.nextInt(1, 10000));
    }

    private String date(int fromYear, int toYear) {
        int year = random.nextInt(fromYear, toYear + 1);
        int month = random.nextInt(1, 13);
        int day = random.nextInt(1, 29);
        return switch (random.nextInt(4)) {
            case 0 -> String.format("%02d.%02d.%d", day, month, year);
            case 1 -> String.format("%d-%02d-%02d", year, month, day);
            case 2 -> String.format("%02d/%02d/%d", month, day, year);
            default -> MONTH_NAMES[month - 1] + " " + day + ", " + year;
        };
    }

    private String postalCode() {
        return switch (random.nextInt(4)) {
            case 0 -> digits(5);
            case 1 -> digits(5) + "-" + digits(4);
            case 2 -> String.format("%05d", random.nextInt(1000, 96000));
            default -> pick(UK_OUTWARD) + " " + random.nextInt(10) + token("ABDEFGHJLNPQRSTUWXYZ", 2);
        };
    }

    private String nino() {
        String prefix = token("ABCEGHJKLMNPRSTWXYZ", 1) + token("ABCEGHJKLMNPRSTWXYZ", 1);
        if (prefix.equals("GB") || prefix.equals("NK") || prefix.equals("KN") || prefix.equals("TN")
                || prefix.equals("NT") || prefix.equals("ZZ") || prefix.equals("BG")) {
            prefix = "AB";
        }
        String suffix = token("ABCD", 1);
        return random.nextBoolean() ? prefix + digits(6) + suffix
                : prefix + " " + digits(2) + " " + digits(2) + " " + digits(2) + " " + suffix;
    }

    private String spanishId() {
        if (random.nextBoolean()) {
            int number = random.nextInt(10_000_000, 100_000_000);
            return number + String.valueOf(Checks.spanishIdLetter(number));
        }
        int lead = random.nextInt(3);
        int number = random.nextInt(1_000_000, 10_000_000);
        return "XYZ".charAt(lead) + String.valueOf(number) + Checks.spanishIdLetter(lead * 10_000_000 + number);
    }

    private String nir() {
        String first13 = random.nextInt(1, 3) + digits(2) + String.format("%02d", random.nextInt(1, 13))
                + String.format("%02d", random.nextInt(1, 96)) + digits(3) + digits(3);
        String key = String.format("%02d", Checks.nirKey(first13));
        return random.nextBoolean() ? first13 + key
                : first13.charAt(0) + " " + first13.substring(1, 3) + " " + first13.substring(3, 5) + " "
                + first13.substring(5, 7) + " " + first13.substring(7, 10) + " " + first13.substring(10) + " " + key;
    }

    private String knownSecret() {
        return switch (random.nextInt(8)) {
            case 0 -> pick(List.of("AKIA", "ASIA")) + token("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
            case 1 -> pick(List.of("ghp_", "gho_")) + token(ALNUM, 36);
            case 2 -> "github_pat_" + token(ALNUM, 22) + "_" + token(ALNUM, 30);
            case 3 -> "xox" + pick(List.of("b", "a", "p")) + "-" + digits(12) + "-" + token(ALNUM, 24);
            case 4 -> pick(List.of("sk_live_", "rk_live_")) + token(ALNUM, 24);
            case 5 -> "AIza" + token(ALNUM + "_-", 35);
            case 6 -> "-----BEGIN " + pick(List.of("RSA ", "EC ", "")) + "PRIVATE KEY-----";
            default -> "eyJ" + token(ALNUM, 20) + ".eyJ" + token(ALNUM, 30) + "." + token(ALNUM + "_-", 43);
        };
    }

    private String grouped(String digits) {
        return switch (random.nextInt(3)) {
            case 0 -> digits;
            case 1 -> digits.replaceAll("(.{4})(?!$)", "$1 ");
            default -> digits.replaceAll("(.{4})(?!$)", "$1-");
        };
    }

    private String digits(int count) {
        return token("0123456789", count);
    }

    private String token(String alphabet, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
