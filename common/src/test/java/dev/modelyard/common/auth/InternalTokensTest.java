package dev.modelyard.common.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InternalTokensTest {

    private static KeyPair gateway;
    private static KeyPair attacker;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        gateway = generator.generateKeyPair();
        attacker = generator.generateKeyPair();
    }

    private final Caller caller = new Caller("user-1", "acme", Set.of("tenant-admin"), "key-1", "req-1");

    private InternalTokens.Verifier verifier() {
        return new InternalTokens.Verifier(gateway.getPublic(), "modelyard-gateway", "modelyard-services", Duration.ofMinutes(2));
    }

    @Test
    void roundTripsTheCaller() {
        String token = new InternalTokens.Signer(gateway.getPrivate(), "modelyard-gateway", "modelyard-services",
                Duration.ofMinutes(2)).sign(caller);
        assertThat(verifier().verify(token)).isEqualTo(caller);
    }

    @Test
    void verifiesAWholeAuthorizationHeaderAndRemembersItOnlyWhenValid() {
        InternalTokens.Verifier verifier = verifier();
        String token = new InternalTokens.Signer(gateway.getPrivate(), "modelyard-gateway", "modelyard-services",
                Duration.ofMinutes(2)).sign(caller);
        assertThat(verifier.verifyAuthorization("Bearer " + token)).isEqualTo(caller);
        assertThat(verifier.verifyAuthorization("Bearer " + token)).isEqualTo(caller);
        assertThat(verifier.verifyAuthorization(null)).isNull();
        assertThat(verifier.verifyAuthorization("Basic " + token)).isNull();

        String forged = new InternalTokens.Signer(attacker.getPrivate(), "modelyard-gateway", "modelyard-services",
                Duration.ofMinutes(2)).sign(caller);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> verifier.verifyAuthorization("Bearer " + forged))
                    .isInstanceOf(InternalTokens.InvalidTokenException.class);
        }
    }

    @Test
    void refusesAnotherKeysSignature() {
        String forged = new InternalTokens.Signer(attacker.getPrivate(), "modelyard-gateway", "modelyard-services",
                Duration.ofMinutes(2)).sign(caller);
        assertThatThrownBy(() -> verifier().verify(forged)).isInstanceOf(InternalTokens.InvalidTokenException.class);
    }

    @Test
    void refusesAnUnsignedToken() {
        String header = base64Url("{\"alg\":\"none\"}");
        String payload = base64Url("{\"iss\":\"modelyard-gateway\",\"aud\":\"modelyard-services\",\"sub\":\"x\","
                + "\"tenant\":\"acme\",\"iat\":" + now() + ",\"exp\":" + (now() + 60) + "}");
        assertThatThrownBy(() -> verifier().verify(header + "." + payload + "."))
                .isInstanceOf(InternalTokens.InvalidTokenException.class);
    }

    @Test
    void refusesWrongIssuerAudienceAndLifetime() {
        String wrongIssuer = new InternalTokens.Signer(gateway.getPrivate(), "someone-else", "modelyard-services",
                Duration.ofMinutes(2)).sign(caller);
        String wrongAudience = new InternalTokens.Signer(gateway.getPrivate(), "modelyard-gateway", "other",
                Duration.ofMinutes(2)).sign(caller);
        String tooLong = new InternalTokens.Signer(gateway.getPrivate(), "modelyard-gateway", "modelyard-services",
                Duration.ofDays(1)).sign(caller);
        for (String token : new String[] {wrongIssuer, wrongAudience, tooLong, "not-a-jwt"}) {
            assertThatThrownBy(() -> verifier().verify(token)).isInstanceOf(InternalTokens.InvalidTokenException.class);
        }
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
