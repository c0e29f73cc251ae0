package dev.modelyard.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsolePolicyTest {

    @Test
    void deepLinksAreConsolePagesButApiPathsAndFilesAreNot() {
        assertThat(ConsolePolicy.isPage("/")).isTrue();
        assertThat(ConsolePolicy.isPage("/models/churn")).isTrue();
        assertThat(ConsolePolicy.isPage("/callback")).isTrue();
        assertThat(ConsolePolicy.isPage("/v1/models")).isFalse();
        assertThat(ConsolePolicy.isPage("/v1")).isFalse();
        assertThat(ConsolePolicy.isPage("/v2/models/churn/infer")).isFalse();
        assertThat(ConsolePolicy.isPage("/q/health")).isFalse();
        assertThat(ConsolePolicy.isPage("/inference.GRPCInferenceService/ModelInfer")).isFalse();
        assertThat(ConsolePolicy.isPage("/assets/index-abc.js")).isFalse();
        assertThat(ConsolePolicy.isPage("/favicon.ico")).isFalse();
        assertThat(ConsolePolicy.isPage("/v1beta")).isTrue();
    }

    @Test
    void hashedAssetsAreCachedForGoodAndPagesRevalidated() {
        assertThat(ConsolePolicy.headers("/assets/index-abc.js", "http://127.0.0.1:8180"))
                .containsEntry("Cache-Control", "public, max-age=31536000, immutable");
        assertThat(ConsolePolicy.headers("/", "http://127.0.0.1:8180")).containsEntry("Cache-Control", "no-cache");
        assertThat(ConsolePolicy.headers("/index.html", "http://127.0.0.1:8180")).containsEntry("Cache-Control", "no-cache");
    }

    @Test
    void thePolicyLetsThePageReachOnlyItsOriginAndTheIdentityProvider() {
        Map<String, String> headers = ConsolePolicy.headers("/", "https://id.example.com/auth");
        String policy = headers.get("Content-Security-Policy");
        assertThat(policy).contains("default-src 'self'", "script-src 'self'", "object-src 'none'",
                "connect-src 'self' https://id.example.com;", "form-action 'self' https://id.example.com;");
        assertThat(policy).doesNotContain("unsafe-inline", "unsafe-eval", "/auth");
        assertThat(headers).containsEntry("X-Content-Type-Options", "nosniff");
    }
}
