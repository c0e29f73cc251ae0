package dev.modelyard.gateway.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ApiKeySecretsTest {

    @Test
    void theHashIsSha256OfTheSecretEachTimeOnEveryThread() throws Exception {
        // sha256("myk_test"), as sha256sum prints it.
        String expected = "d85fe5b2cd456799bb7e64d86bd21d0761e5f7daf39b01a68b1da9d28e21c77b";
        String once = HexFormat.of().formatHex(ApiKeySecrets.hash("myk_test"));
        assertThat(HexFormat.of().formatHex(ApiKeySecrets.hash("myk_test"))).isEqualTo(once);
        assertThat(HexFormat.of().formatHex(ApiKeySecrets.hash("myk_other"))).isNotEqualTo(once);
        assertThat(CompletableFuture.supplyAsync(() -> HexFormat.of().formatHex(ApiKeySecrets.hash("myk_test"))).get())
                .isEqualTo(once);
        assertThat(once).hasSize(64).isEqualTo(expected);
    }
}
