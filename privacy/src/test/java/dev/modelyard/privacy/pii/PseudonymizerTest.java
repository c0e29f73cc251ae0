package dev.modelyard.privacy.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.SplittableRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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

    @Test
    void isTheKeyedHmacOfTheValueWithTheTenantsDerivedKey() throws Exception {
        byte[] tenantKey = hmac("secret".getBytes(StandardCharsets.UTF_8), "acme");
        String expected = "pid_" + HexFormat.of().formatHex(hmac(tenantKey, "Zoë-7"), 0, 8);
        assertThat(Pseudonymizer.forTenant("secret", "acme").pseudonym("Zoë-7")).isEqualTo(expected);
    }

    @Test
    void staysTheSameForValuesSeenAgainBeforeAndAfterTheRememberedOnesAreForgotten() {
        Pseudonymizer reused = Pseudonymizer.forTenant("secret", "acme");
        int values = Pseudonymizer.REMEMBERED_VALUES * 2 + 17;
        String[] first = new String[values];
        for (int i = 0; i < values; i++) {
            first[i] = reused.pseudonym("u-" + i);
            // Shaped pseudonyms use the same key in between; they must not disturb the plain ones.
            reused.shaped("u-" + i, null);
        }
        for (int i = values - 1; i >= 0; i--) {
            assertThat(reused.pseudonym("u-" + i)).as("u-%d", i).isEqualTo(first[i])
                    .isEqualTo(Pseudonymizer.forTenant("secret", "acme").pseudonym("u-" + i));
        }
    }

    @Test
    void answersRepeatedIdentifiersFromTheRememberedOnesAsIfComputedAfresh() {
        Pseudonymizer reused = Pseudonymizer.forTenant("secret", "acme");
        Pseudonymizer fresh = Pseudonymizer.forTenant("secret", "acme");
        Map<String, String> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 3 * Pseudonymizer.REMEMBERED_VALUES; i++) {
            // Customers on their orders: a few hundred identifiers, each seen many times.
            String customer = "c-" + random.nextInt(500);
            String pseudonym = expected.computeIfAbsent(customer, fresh::pseudonym);
            assertThat(reused.pseudonym(new String(customer.toCharArray()))).as(customer).isEqualTo(pseudonym);
        }
    }

    private static byte[] hmac(byte[] key, String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
    }
}
