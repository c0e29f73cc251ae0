package dev.modelyard.gateway.auth;

import java.io.IOException;
import java.security.Key;
import java.util.List;
import java.util.function.LongSupplier;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The realm's signing keys, held in memory for {@code jwks-cache-ttl} after each fetch, so that checking a
 * token's signature usually needs nothing but memory. Two resolvers share them: {@link #held()} never fetches
 * (it may run on the event loop), {@link #fetching()} asks Keycloak when the token's key is not held or the
 * held keys are too old (it blocks).
 */
final class RealmKeys {

    /** A token's key is not in memory: only {@link #fetching()} can resolve it. */
    static final class NotHeldException extends UnresolvableKeyException {
        NotHeldException() {
            super("The realm's keys are not held; they must be fetched");
        }
    }

    private record Held(List<JsonWebKey> keys, long fetchedAtNanos) {
    }

    private final HttpsJwks jwks;
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final VerificationJwkSelector selector = new VerificationJwkSelector();
    private volatile Held held;

    /**
     * @param jwks fetches the keys; its refresh reprieve keeps a flood of tokens naming unknown keys from
     *             fetching more than once in that interval
     */
    RealmKeys(HttpsJwks jwks, long ttlNanos, LongSupplier nanoClock) {
        this.jwks = jwks;
        this.ttlNanos = ttlNanos;
        this.nanoClock = nanoClock;
    }

    VerificationKeyResolver held() {
        return (jws, nesting) -> {
            Key key = fromMemory(jws);
            if (key == null) {
                throw new NotHeldException();
            }
            return key;
        };
    }

    VerificationKeyResolver fetching() {
        return (jws, nesting) -> {
            Key key = fromMemory(jws);
            return key != null ? key : fetch(jws);
        };
    }

    private Key fromMemory(JsonWebSignature jws) throws UnresolvableKeyException {
        Held current = held;
        if (current == null || nanoClock.getAsLong() - current.fetchedAtNanos() >= ttlNanos) {
            return null;
        }
        return select(jws, current.keys());
    }

    private Key fetch(JsonWebSignature jws) throws UnresolvableKeyException {
        List<JsonWebKey> keys;
        try {
            jwks.refresh();
            keys = jwks.getJsonWebKeys();
        } catch (JoseException | IOException e) {
            throw new UnresolvableKeyException("The realm's signing keys could not be fetched: " + e.getMessage(), e);
        }
        held = new Held(List.copyOf(keys), nanoClock.getAsLong());
        Key key = select(jws, keys);
        if (key == null) {
            throw new UnresolvableKeyException("No key of the realm verifies this token");
        }
        return key;
    }

    private Key select(JsonWebSignature jws, List<JsonWebKey> keys) throws UnresolvableKeyException {
        try {
            JsonWebKey key = selector.select(jws, keys);
            return key == null ? null : key.getKey();
        } catch (JoseException e) {
            throw new UnresolvableKeyException("The token's key cannot be chosen: " + e.getMessage(), e);
        }
    }
}
