package dev.modelyard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "trace-me-1", "req-01JDC3Z8K5R2V7M4Q9X1T6B3NE", "span.id_7:Z-9",
            "0123456789012345678901234567890123456789012345678901234567890123"})
    void keepsShortPlainIds(String id) {
        assertThat(RequestIds.acceptable(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "trace me", "id\r\nX-Injected: 1", "a/b", "é", "id;drop", "tab\tid", "a+b",
            "01234567890123456789012345678901234567890123456789012345678901234"})
    void refusesEmptyLongOrUnusualIds(String id) {
        assertThat(RequestIds.acceptable(id)).isFalse();
    }

    @Test
    void acceptsExactlyTheCharactersOfTheDocumentedRule() {
        Pattern rule = Pattern.compile("[A-Za-z0-9._:-]");
        for (char c = 0; c < 0x3000; c++) {
            String one = String.valueOf(c);
            assertThat(RequestIds.acceptable(one)).as("U+%04X", (int) c).isEqualTo(rule.matcher(one).matches());
        }
    }
}
