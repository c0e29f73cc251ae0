package dev.modelyard.gateway.auth;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.error.PlatformException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

/**
 * Verifies people's access tokens from Keycloak: signature against the realm's published keys
 * (asymmetric algorithms only, so {@code alg: none} and HMAC tricks fail), issuer, expiry, that it
 * is an access token, and that it was issued to one of Modelyard's clients.
 */
@ApplicationScoped
public class KeycloakTokenVerifier {

    private static final Set<String> PLATFORM_ROLES = Set.of(Caller.TENANT_ADMIN, Caller.TENANT_MEMBER, Caller.PLATFORM_ADMIN);

    private final JwtConsumer consumer;
    private final Set<String> acceptedClients;

    public KeycloakTokenVerifier(KeycloakConfig config) {
        HttpsJwks jwks = new HttpsJwks(config.realmEndpoint() + "/protocol/openid-connect/certs");
        jwks.setDefaultCacheDuration(config.jwksCacheTtl().toSeconds());
        this.consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds(5)
                .setExpectedIssuer(config.issuer())
                .setSkipDefaultAudienceValidation()
                .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256)
                .build();
        this.acceptedClients = config.acceptedClients();
    }

    /** The person behind the token, with {@code requestId} attached; 401 for any defect. */
    public Caller verify(String token, String requestId) {
        try {
            JwtClaims claims = consumer.processToClaims(token);
            if (!"Bearer".equals(claims.getClaimValueAsString("typ"))) {
                throw PlatformException.unauthorized("Only access tokens are accepted");
            }
            if (!acceptedClients.contains(claims.getClaimValueAsString("azp"))) {
                throw PlatformException.unauthorized("The token was issued to a client this API does not accept");
            }
            return new Caller(claims.getSubject(), claims.getClaimValueAsString("tenant"), roles(claims), null, requestId);
        } catch (InvalidJwtException | MalformedClaimException e) {
            throw PlatformException.unauthorized("Invalid or expired token");
        }
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
