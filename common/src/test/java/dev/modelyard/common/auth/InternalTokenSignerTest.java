package dev.modelyard.common.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InternalTokenSignerTest {

    private static KeyPair keys;

    @TempDir
    Path folder;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    @Test
    void aCallersTokenIsReusedAcrossRequestsAndCarriesNoRequestId() throws Exception {
        InternalTokenSigner signer = new InternalTokenSigner(config(Duration.ofMinutes(2)));
        Caller first = new Caller("user-1", "acme", Set.of(Caller.TENANT_MEMBER), "key-1", "req-1");
        Caller second = new Caller("user-1", "acme", Set.of(Caller.TENANT_MEMBER), "key-1", "req-2");

        String token = signer.authorization(first);

        assertThat(signer.authorization(second)).isEqualTo(token);
        Caller verified = verifier().verify(token.substring("Bearer ".length()));
        assertThat(verified).isEqualTo(first.withoutRequestId());
    }

    @Test
    void anotherCallerGetsItsOwnToken() throws Exception {
        InternalTokenSigner signer = new InternalTokenSigner(config(Duration.ofMinutes(2)));

        String acme = signer.authorization(new Caller("user-1", "acme", Set.of(Caller.TENANT_MEMBER), null, null));
        String globex = signer.authorization(new Caller("user-1", "globex", Set.of(Caller.TENANT_MEMBER), null, null));

        assertThat(verifier().verify(globex.substring(7)).tenant()).isEqualTo("globex");
        assertThat(acme).isNotEqualTo(globex);
    }

    @Test
    void aTokenPastHalfItsLifetimeIsRenewed() throws Exception {
        InternalTokenSigner signer = new InternalTokenSigner(config(Duration.ofMillis(2)));
        Caller caller = new Caller("user-1", "acme", Set.of(Caller.TENANT_MEMBER), null, null);

        String first = signer.authorization(caller);
        Thread.sleep(1100);

        // Issued-at has second precision, so a renewed token differs once a second has passed.
        assertThat(signer.authorization(caller)).isNotEqualTo(first);
    }

    private InternalTokens.Verifier verifier() {
        return new InternalTokens.Verifier(keys.getPublic(), "modelyard-gateway", "modelyard-services", Duration.ofMinutes(2));
    }

    private InternalTokenConfig config(Duration ttl) throws Exception {
        Path key = folder.resolve("internal-token.key");
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(key, pem);
        return new InternalTokenConfig() {
            @Override
            public String publicKeyLocation() {
                return "unused";
            }

            @Override
            public Optional<String> privateKeyLocation() {
                return Optional.of(key.toString());
            }

            @Override
            public String issuer() {
                return "modelyard-gateway";
            }

            @Override
            public String audience() {
                return "modelyard-services";
            }

            @Override
            public Duration ttl() {
                return ttl;
            }
        };
    }
}
