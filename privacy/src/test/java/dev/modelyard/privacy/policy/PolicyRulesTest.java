package dev.modelyard.privacy.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyRulesTest {

    private static final Set<String> IDENTIFIERS = Set.of("id", "email");

    @Test
    void theDefaultPseudonymizesIdentifierColumnsAndReplacesEveryType() {
        AnonymizationPolicy policy = AnonymizationPolicy.platformDefault(IDENTIFIERS);
        assertThat(policy.id()).isEqualTo("default");
        assertThat(policy.version()).isEqualTo(1);
        assertThat(policy.forColumn(" Email ")).isInstanceOf(Operator.Pseudonymize.class);
        assertThat(policy.forColumn("notes")).isNull();
        assertThat(policy.forType("PHONE_NUMBER")).isEqualTo(Operator.Replace.PLACEHOLDER);
    }

    @Test
    void aPolicysColumnRulesOverrideIdentifiersAndItsTypeRulesApply() {
        PolicyRules rules = new PolicyRules(
                Map.of("PHONE_NUMBER", new OperatorSpec("mask", null, 4, "end", "#", null, null, null)),
                Map.of("EMAIL", OperatorSpec.of("format_preserving"), "Zip", OperatorSpec.of("keep")));
        AnonymizationPolicy policy = AnonymizationPolicy.of("policy-1", 3, rules, IDENTIFIERS);
        assertThat(policy.id()).isEqualTo("policy-1");
        assertThat(policy.version()).isEqualTo(3);
        assertThat(policy.forColumn("email")).isInstanceOf(Operator.FormatPreserving.class);
        assertThat(policy.forColumn("id")).isInstanceOf(Operator.Pseudonymize.class);
        assertThat(policy.forColumn("zip")).isInstanceOf(Operator.Keep.class);
        assertThat(policy.forType("PHONE_NUMBER")).isEqualTo(new Operator.Mask(4, true, '#'));
        assertThat(policy.forType("IBAN")).isEqualTo(Operator.Replace.PLACEHOLDER);
    }

    @Test
    void namesEveryFieldAtFault() {
        PolicyRules rules = new PolicyRules(
                Map.of("EMAIL", OperatorSpec.of("replace"),
                        "PHONE_NUMBER", OperatorSpec.of("scramble"),
                        "IBAN", new OperatorSpec("mask", "x", 0, "middle", "##", null, null, null),
                        "US_SSN", new OperatorSpec(null, null, null, null, null, null, null, null)),
                Map.of("dob", new OperatorSpec("generalize", null, null, null, null, BigDecimal.ONE, "month", null),
                        "age", new OperatorSpec("generalize", null, null, null, null, BigDecimal.ZERO, null, null),
                        "day", new OperatorSpec("generalize", null, null, null, null, null, "week", null),
                        "zip", new OperatorSpec("keep", null, null, null, null, null, null, 2)));
        assertThatThrownBy(() -> AnonymizationPolicy.of("policy-1", 1, rules, IDENTIFIERS))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                            "types.EMAIL", "types.PHONE_NUMBER.operator", "types.IBAN.literal", "types.IBAN.chars",
                            "types.IBAN.from", "types.IBAN.masking_char", "types.US_SSN.operator", "columns.dob",
                            "columns.age.bin_width", "columns.day.date_precision", "columns.zip.prefix_length");
                });
    }

    @Test
    void refusesAColumnNamedTwiceIgnoringCase() {
        PolicyRules rules = new PolicyRules(Map.of(), Map.of("zip", OperatorSpec.of("keep"), "ZIP", OperatorSpec.of("keep")));
        assertThatThrownBy(() -> AnonymizationPolicy.of("policy-1", 1, rules, IDENTIFIERS))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("columns.zip"));
    }
}
