package dev.modelyard.router.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.common.error.PlatformException;
import org.junit.jupiter.api.Test;

class TenantLimitsTest {

    private final TenantLimits limits = new TenantLimits(2, 1000);

    @Test
    void aTenantOverItsConcurrencyIsToldToRetryOthersAreNot() {
        TenantLimits.Admission first = limits.admit("acme", 10);
        TenantLimits.Admission second = limits.admit("acme", 10);
        assertThatThrownBy(() -> limits.admit("acme", 10)).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.headers()).containsEntry("Retry-After", "1");
        });
        limits.admit("globex", 10).close();
        first.close();
        limits.admit("acme", 10).close();
        second.close();
        assertThat(limits.inFlight("acme")).isZero();
    }

    @Test
    void aRequestOverTheSizeLimitIs413NamingTheInputs() {
        assertThatThrownBy(() -> limits.admit("acme", 1001)).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.status()).isEqualTo(413);
            assertThat(e.errors()).singleElement().satisfies(error -> assertThat(error.field()).isEqualTo("inputs"));
        });
        assertThat(limits.inFlight("acme")).isZero();
    }
}
