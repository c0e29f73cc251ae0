package dev.modelyard.common.auth;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;

/**
 * The short-lived token the gateway signs for each forwarded request and every service verifies.
 * RS256 only: {@code alg: none}, HMAC confusion and any other algorithm are refused.
 */
public final class InternalTokens {

    static final String TENANT = "tenant";
    static final String ROLES = "roles";
    static final String KEY_ID = "key_id";
    static final String REQUEST_ID = "request_id";

    private InternalTokens() {
    }

    /** Signs tokens; only the gateway holds the private key. */
    public static final class Signer {
        private final PrivateKey key;
        private final String issuer;
        private final String audience;
        private final Duration ttl;

        public Signer(PrivateKey key, String issuer, String audience, Duration ttl) {
            this.key = key;
            this.issuer = issuer;
            this.audience = audience;
            this.ttl = ttl;
        }

        public String sign(Caller caller) {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setAudience(audience);
            claims.setSubject(caller.subject());
            claims.setIssuedAtToNow();
            claims.setExpirationTimeMinutesInTheFuture(ttl.toSeconds() / 60f);
            if (caller.tenant() != null) {
                claims.setClaim(TENANT, caller.tenant());
            }
            claims.setStringListClaim(ROLES, new ArrayList<>(caller.roles()));
            if (caller.apiKeyId() != null) {
                claims.setClaim(KEY_ID, caller.apiKeyId());
            }
            if (caller.requestId() != null) {
                claims.setClaim(REQUEST_ID, caller.requestId());
            }
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key);
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            try {
                return jws.getCompactSerialization();
            } catch (JoseException e) {
                throw new IllegalStateException("Cannot sign the internal token", e);
            }
        }
    }

    /**
     * Verifies tokens with the gateway's public key. The gateway reuses a caller's token for many
     * requests, so a token verified once is remembered until it expires: the same string cannot carry
     * other claims, and the signature check need not run again on the hot path.
     */
    public static final class Verifier {
        /** Enough live tokens for any burst; beyond it the memory starts afresh rather than grow. */
        private static final int MAX_REMEMBERED = 10_000;

        private final JwtConsumer consumer;
        private final Map<String, Verified> verified = new ConcurrentHashMap<>();

        private record Verified(Caller caller, long expiresAtMillis) {
        }

        public Verifier(PublicKey key, String issuer, String audience, Duration maxTtl) {
            this.consumer = new JwtConsumerBuilder()
                    .setRequireExpirationTime()
                    .setRequireIssuedAt()
                    .setMaxFutureValidityInMinutes((int) Math.max(1, maxTtl.toMinutes()))
                    .setAllowedClockSkewInSeconds(5)
                    .setRequireSubject()
                    .setExpectedIssuer(issuer)
                    .setExpectedAudience(audience)
                    .setVerificationKey(key)
                    .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.RSA_USING_SHA256)
                    .build();
        }

        /** @throws InvalidTokenException when the signature, algorithm, issuer, audience or lifetime is wrong */
        public Caller verify(String token) {
            Caller known = remembered(token);
            return known != null ? known : checkAndRemember(token, token);
        }

        /**
         * {@link #verify} for a whole {@code Authorization} header value, remembered by that value: the hot path
         * then never copies the token out of the header.
         *
         * @return null when the header carries no bearer credential
         * @throws InvalidTokenException as {@link #verify}
         */
        public Caller verifyAuthorization(String authorization) {
            Caller known = authorization == null ? null : remembered(authorization);
            if (known != null) {
                return known;
            }
            String token = BearerTokens.from(authorization);
            return token == null ? null : checkAndRemember(token, authorization);
        }

        private Caller remembered(String key) {
            Verified known = verified.get(key);
            return known != null && System.currentTimeMillis() < known.expiresAtMillis() ? known.caller() : null;
        }

        private Caller checkAndRemember(String token, String key) {
            try {
                JwtClaims claims = consumer.processToClaims(token);
                List<String> roles = claims.hasClaim(ROLES) ? claims.getStringListClaimValue(ROLES) : List.of();
                Caller caller = new Caller(claims.getSubject(), claims.getStringClaimValue(TENANT), new HashSet<>(roles),
                        claims.getStringClaimValue(KEY_ID), claims.getStringClaimValue(REQUEST_ID));
                if (verified.size() >= MAX_REMEMBERED) {
                    verified.clear();
                }
                verified.put(key, new Verified(caller, claims.getExpirationTime().getValueInMillis()));
                return caller;
            } catch (InvalidJwtException | MalformedClaimException e) {
                throw new InvalidTokenException(e.getMessage());
            }
        }
    }

    public static final class InvalidTokenException extends RuntimeException {
        public InvalidTokenException(String message) {
            super(message);
        }
    }
}
