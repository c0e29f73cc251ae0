package dev.modelyard.privacy.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PseudonymizerTest {

    @Test
    void isStableWithinATenant() {
        String first = Pseudonymizer.forTenant("secret", "acme").pseudonym("u-1001");
        String second = Pseudonymizer.forTenant("secret", "acme").pseudonym("u-1001");
        assertThat(first).isEqualTo(second).matches("pid_[0-9a-f]{16}");
    }

    @Test
    void differsAcrossTenantsValuesAndSecrets() {
        String acme = Pseudonymizer.forTenant("secret", "acme").pseudonym("u-1001");
        assertThat(Pseudonymizer.forTenant("secret", "globex").pseudonym("u-1001")).isNotEqualTo(acme);
        assertThat(Pseudonymizer.forTenant("secret", "acme").pseudonym("u-1002")).isNotEqualTo(acme);
        assertThat(Pseudonymizer.forTenant("other-secret", "acme").pseudonym("u-1001")).isNotEqualTo(acme);
    }

    @Test
    void keepsEmptyValuesEmpty() {
        assertThat(Pseudonymizer.forTenant("secret", "acme").pseudonym("")).isEmpty();
    }
}
