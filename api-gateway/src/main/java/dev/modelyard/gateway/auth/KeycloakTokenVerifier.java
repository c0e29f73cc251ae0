package dev.modelyard.gateway.auth;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.error.PlatformException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.VerificationKeyResolver;

/**
 * Verifies people's access tokens from Keycloak: signature against the realm's published keys
 * (asymmetric algorithms only, so {@code alg: none} and HMAC tricks fail), issuer, expiry, that it
 * is an access token, and that it was issued to one of Modelyard's clients. The realm's keys are held in
 * memory ({@link RealmKeys}), so a token usually needs nothing else and can be checked on the event loop.
 */
@Singleton // used on every request: no client proxy to go through each time
public class KeycloakTokenVerifier {

    private static final Set<String> PLATFORM_ROLES = Set.of(Caller.TENANT_ADMIN, Caller.TENANT_MEMBER, Caller.PLATFORM_ADMIN);

    /** Verifies with the keys held in memory only; fails with {@link RealmKeys.NotHeldException} otherwise. */
    private final JwtConsumer withHeldKeys;
    /** Verifies, fetching the realm's keys when they are not held. */
    private final JwtConsumer fetchingKeys;
    private final Set<String> acceptedClients;

    @Inject
    public KeycloakTokenVerifier(KeycloakConfig config) {
        this(config.issuer(), config.acceptedClients(), new RealmKeys(realmJwks(config), config.jwksCacheTtl().toNanos(),
                System::nanoTime));
    }

    KeycloakTokenVerifier(String issuer, Set<String> acceptedClients, RealmKeys keys) {
        this.withHeldKeys = consumer(issuer, keys.held());
        this.fetchingKeys = consumer(issuer, keys.fetching());
        this.acceptedClients = acceptedClients;
    }

    private static HttpsJwks realmJwks(KeycloakConfig config) {
        HttpsJwks jwks = new HttpsJwks(config.realmEndpoint() + "/protocol/openid-connect/certs");
        jwks.setDefaultCacheDuration(config.jwksCacheTtl().toSeconds());
        return jwks;
    }

    private static JwtConsumer consumer(String issuer, VerificationKeyResolver keys) {
        return new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(5)
                .setExpectedIssuer(issuer)
                .setSkipDefaultAudienceValidation()
                .setVerificationKeyResolver(keys)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .build();
    }

    /** The person behind the token, with {@code requestId} attached; 401 for any defect. May fetch keys: blocks. */
    public Caller verify(String token, String requestId) {
        try {
            return caller(fetchingKeys.processToClaims(token), requestId);
        } catch (InvalidJwtException e) {
            throw invalid();
        }
    }

    /**
     * {@link #verify} when the realm's keys it needs are held in memory, else empty (the token may still be
     * good: {@link #verify} it off the event loop). Never blocks.
     */
    public Optional<Caller> verifyWithHeldKeys(String token, String requestId) {
        try {
            return Optional.of(caller(withHeldKeys.processToClaims(token), requestId));
        } catch (InvalidJwtException e) {
            if (causedBy(e, RealmKeys.NotHeldException.class)) {
                return Optional.empty();
            }
            throw invalid();
        }
    }

    private Caller caller(JwtClaims claims, String requestId) {
        try {
            if (!"Bearer".equals(claims.getClaimValueAsString("typ"))) {
                throw PlatformException.unauthorized("Only access tokens are accepted");
            }
            if (!acceptedClients.contains(claims.getClaimValueAsString("azp"))) {
                throw PlatformException.unauthorized("The token was issued to a client this API does not accept");
            }
            return new Caller(claims.getSubject(), claims.getClaimValueAsString("tenant"), roles(claims), null, requestId);
        } catch (MalformedClaimException e) {
            throw invalid();
        }
    }

    private static PlatformException invalid() {
        return PlatformException.unauthorized("Invalid or expired token");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> cause) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (cause.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> roles(JwtClaims claims) {
        Object realmAccess = claims.getClaimValue("realm_access");
        Set<String> roles = new HashSet<>();
        if (realmAccess instanceof Map<?, ?> access && access.get("roles") instanceof List<?> granted) {
            for (Object role : (List<Object>) granted) {
                if (PLATFORM_ROLES.contains(role)) {
                    roles.add((String) role);
                }
            }
        }
        return roles;
    }
}
