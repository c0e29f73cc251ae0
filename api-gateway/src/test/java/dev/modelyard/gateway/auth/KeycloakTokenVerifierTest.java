package dev.modelyard.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.error.PlatformException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jose4j.http.SimpleResponse;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeycloakTokenVerifierTest {

    private static final String ISSUER = "http://keycloak.test/realms/modelyard";
    private static final long TTL_NANOS = 600_000_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final AtomicInteger fetches = new AtomicInteger();
    private RsaJsonWebKey realmKey;
    private volatile String published;
    private KeycloakTokenVerifier verifier;

    @BeforeEach
    void realm() throws Exception {
        realmKey = key("realm-1");
        published = new JsonWebKeySet(realmKey).toJson();
        HttpsJwks jwks = new HttpsJwks("http://keycloak.test/realms/modelyard/protocol/openid-connect/certs");
        // No reprieve: every fetch the verifier asks for reaches the realm, so the count below is exact.
        jwks.setRefreshReprieveThreshold(0);
        jwks.setSimpleHttpGet(location -> {
            fetches.incrementAndGet();
            return response(published);
        });
        verifier = new KeycloakTokenVerifier(ISSUER, Set.of("modelyard-cli"),
                new RealmKeys(jwks, TTL_NANOS, clock::get));
    }

    @Test
    void aTokenNeedsTheKeysFetchedOnceAndIsThenVerifiedFromMemory() throws Exception {
        String token = sign(realmKey, claims("acme"));
        assertThat(verifier.verifyWithHeldKeys(token, "req-1")).isEmpty();
        assertThat(fetches).hasValue(0);

        Caller fetched = verifier.verify(token, "req-2");
        assertThat(fetched.tenant()).isEqualTo("acme");
        assertThat(fetched.roles()).containsExactly(Caller.TENANT_MEMBER);
        assertThat(fetched.requestId()).isEqualTo("req-2");
        assertThat(fetches).hasValue(1);

        assertThat(verifier.verifyWithHeldKeys(token, "req-3")).get()
                .isEqualTo(new Caller("user-1", "acme", Set.of(Caller.TENANT_MEMBER), null, "req-3"));
        assertThat(fetches).hasValue(1);
    }

    @Test
    void heldKeysGrowStaleAfterTheirTime() throws Exception {
        String token = sign(realmKey, claims("acme"));
        verifier.verify(token, null);
        clock.addAndGet(TTL_NANOS);
        assertThat(verifier.verifyWithHeldKeys(token, null)).isEmpty();
        verifier.verify(token, null);
        assertThat(fetches).hasValue(2);
        assertThat(verifier.verifyWithHeldKeys(token, null)).isPresent();
    }

    @Test
    void aRotatedKeyIsFetchedWhenATokenNamesIt() throws Exception {
        verifier.verify(sign(realmKey, claims("acme")), null);
        RsaJsonWebKey rotated = key("realm-2");
        published = new JsonWebKeySet(realmKey, rotated).toJson();
        String token = sign(rotated, claims("acme"));
        assertThat(verifier.verifyWithHeldKeys(token, null)).isEmpty();
        assertThat(verifier.verify(token, null).tenant()).isEqualTo("acme");
        assertThat(verifier.verifyWithHeldKeys(token, null)).isPresent();
    }

    @Test
    void defectsAreRefusedFromMemoryAsWhenFetching() throws Exception {
        verifier.verify(sign(realmKey, claims("acme")), null);
        String real = sign(realmKey, claims("acme"));
        String payload = real.split("\\.")[1];
        String unsigned = base64Url("{\"alg\":\"none\",\"kid\":\"realm-1\"}") + "." + payload + ".";
        RsaJsonWebKey impostor = key("realm-1");
        JwtClaims expired = claims("acme");
        expired.setExpirationTimeMinutesInTheFuture(-10);
        JwtClaims idToken = claims("acme");
        idToken.setClaim("typ", "ID");
        JwtClaims otherClient = claims("acme");
        otherClient.setClaim("azp", "someone-else");
        String forged = sign(impostor, claims("acme"));
        for (String token : List.of(unsigned, forged, sign(realmKey, expired), sign(realmKey, idToken),
                sign(realmKey, otherClient), "garbage")) {
            // Refused right away, or left to the fetching way (a key the memory lacks), which refuses it.
            try {
                assertThat(verifier.verifyWithHeldKeys(token, null)).as(token).isEmpty();
            } catch (PlatformException refused) {
                assertThat(refused.status()).isEqualTo(401);
            }
            assertThatThrownBy(() -> verifier.verify(token, null)).isInstanceOf(PlatformException.class)
                    .extracting(e -> ((PlatformException) e).status()).isEqualTo(401);
        }
        // A held key that does not match the signature is a refusal, not a reason to fetch.
        int fetched = fetches.get();
        assertThatThrownBy(() -> verifier.verifyWithHeldKeys(forged, null)).isInstanceOf(PlatformException.class);
        assertThat(fetches).hasValue(fetched);
    }

    private static RsaJsonWebKey key(String id) throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(id);
        return key;
    }

    private static JwtClaims claims(String tenant) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject("user-1");
        claims.setExpirationTimeMinutesInTheFuture(5);
        claims.setIssuedAtToNow();
        claims.setClaim("typ", "Bearer");
        claims.setClaim("azp", "modelyard-cli");
        claims.setClaim("tenant", tenant);
        claims.setClaim("realm_access", Map.of("roles", List.of(Caller.TENANT_MEMBER, "offline_access")));
        return claims;
    }

    private static String sign(RsaJsonWebKey key, JwtClaims claims) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static SimpleResponse response(String body) {
        return new SimpleResponse() {
            @Override
            public int getStatusCode() {
                return 200;
            }

            @Override
            public String getStatusMessage() {
                return "OK";
            }

            @Override
            public Collection<String> getHeaderNames() {
                return List.of();
            }

            @Override
            public List<String> getHeaderValues(String name) {
                return null;
            }

            @Override
            public String getBody() {
                return body;
            }
        };
    }
}
