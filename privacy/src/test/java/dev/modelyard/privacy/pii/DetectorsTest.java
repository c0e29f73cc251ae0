package dev.modelyard.privacy.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DetectorsTest {

    @Test
    void findsEmailAddresses() {
        assertThat(Detectors.EMAIL_ADDRESS.findIn("write to jane.doe+ml@mail.example.co.uk or ops@example.com."))
                .containsExactly("jane.doe+ml@mail.example.co.uk", "ops@example.com");
        assertThat(Detectors.EMAIL_ADDRESS.findIn("not@an-address, @handle, user@localhost")).isEmpty();
    }

    @Test
    void findsPhoneNumbersInInternationalUsAndEuropeanFormats() {
        assertThat(Detectors.PHONE_NUMBER.findIn("call +49 30 1234567 or +1 (415) 555-0100")).containsExactly(
                "+49 30 1234567", "+1 (415) 555-0100");
        assertThat(Detectors.PHONE_NUMBER.findIn("(555) 123-4567, 555.987.6543 and 555-222-3333")).containsExactly(
                "(555) 123-4567", "555.987.6543", "555-222-3333");
        assertThat(Detectors.PHONE_NUMBER.findIn("Berlin 030 12345678, Paris 01 23 45 67 89")).containsExactly(
                "030 12345678", "01 23 45 67 89");
    }

    @Test
    void leavesDatesAmountsAndShortNumbersAlone() {
        assertThat(Detectors.PHONE_NUMBER.findIn("on 2024-01-15 or 01.02.2024 we paid 1234567 for order 12-34, ext +1 23"))
                .isEmpty();
    }

    @Test
    void findsCardNumbersThatPassLuhn() {
        assertThat(Detectors.CREDIT_CARD.findIn("visa 4111 1111 1111 1111, mc 5555-5555-5555-4444, amex 378282246310005"))
                .containsExactly("4111 1111 1111 1111", "5555-5555-5555-4444", "378282246310005");
    }

    @Test
    void ignoresCardLookalikesFailingLuhnOrOfTheWrongLength() {
        assertThat(Detectors.CREDIT_CARD.findIn("4111 1111 1111 1112 and 4111111111111110 and 411111111111"))
                .isEmpty();
    }

    @Test
    void findsIbansWithValidCheckDigitsAndCountryLength() {
        assertThat(Detectors.IBAN.findIn("DE89 3704 0044 0532 0130 00 / GB82WEST12345698765432 / NL91ABNA0417164300"))
                .containsExactly("DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432", "NL91ABNA0417164300");
        assertThat(Detectors.IBAN.findIn("FR1420041010050500013M02606 CH9300762011623852957 BE68539007547034"))
                .hasSize(3);
        assertThat(Detectors.IBAN.findIn("ES9121000418450200051332 IT60X0542811101000000123456 AT611904300234573201"))
                .hasSize(3);
    }

    @Test
    void ignoresIbansWithWrongCheckDigitsOrLength() {
        assertThat(Detectors.IBAN.findIn("DE88 3704 0044 0532 0130 00 and DE89370400440532013 and XX89370400440532013000"))
                .isEmpty();
    }

    @Test
    void findsIpv4AndIpv6Addresses() {
        assertThat(Detectors.IP_ADDRESS.findIn("from 192.168.1.20 and 8.8.8.8.")).containsExactly("192.168.1.20", "8.8.8.8");
        assertThat(Detectors.IP_ADDRESS.findIn("v6 2001:0db8:85a3:0000:0000:8a2e:0370:7334, 2001:db8::1, ::1, fe80::"))
                .containsExactly("2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:db8::1", "::1", "fe80::");
        assertThat(Detectors.IP_ADDRESS.findIn("mapped ::ffff:192.0.2.1")).containsExactly("::ffff:192.0.2.1");
    }

    @Test
    void ignoresOutOfRangeOctetsTimesAndMalformedIpv6() {
        assertThat(Detectors.IP_ADDRESS.findIn("999.1.1.1, 256.0.0.1, 1.2.3, at 12:30:45, 1::2::3, 12345::1"))
                .isEmpty();
    }

    @Test
    void findsSocialSecurityNumbersThatCanBeIssued() {
        assertThat(Detectors.US_SSN.findIn("ssn 123-45-6789, 078-05-1120")).containsExactly("123-45-6789", "078-05-1120");
        assertThat(Detectors.US_SSN.findIn("000-12-3456 666-12-3456 900-12-3456 123-00-4567 123-45-0000 1123-45-6789"))
                .isEmpty();
    }
}
