package dev.modelyard.privacy.pii;

/** The kinds of personal data the built-in recognizers find; each found value is replaced by {@code <NAME>}. */
public enum PiiType {
    EMAIL_ADDRESS,
    PHONE_NUMBER,
    CREDIT_CARD,
    IBAN,
    IP_ADDRESS,
    MAC_ADDRESS,
    URL_CREDENTIALS,
    US_SSN,
    DATE_OF_BIRTH,
    POSTAL_CODE,
    UK_NINO,
    ES_DNI,
    IT_FISCAL_CODE,
    FR_NIR,
    SECRET;

    /** What replaces a found value of a type, built-in or tenant-defined: says what was there without keeping any of it. */
    public static String placeholder(String type) {
        return "<" + type + ">";
    }
}
