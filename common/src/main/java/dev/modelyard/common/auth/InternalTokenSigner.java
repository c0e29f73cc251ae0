package dev.modelyard.common.auth;

import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs internal tokens in a service that holds the platform's signing key: the gateway for each
 * forwarded request, and a service doing work on its own later (a training job calling the registry).
 * Services without a key never touch this bean, so they need no private key configured.
 *
 * <p>An RSA signature costs milliseconds, more than everything else a forwarded inference does, so a
 * caller's token is reused until half its lifetime has passed: every token handed out still has at
 * least half its lifetime to run. The request id travels beside it, in {@code X-Request-Id}.
 */
@Singleton // used on every request: no client proxy to go through each time
public class InternalTokenSigner {

    /** Enough callers for any burst; beyond it the cache starts afresh rather than grow. */
    private static final int MAX_CACHED_CALLERS = 10_000;

    private final InternalTokenConfig config;
    private final Map<Caller, Signed> recent = new ConcurrentHashMap<>();
    private volatile InternalTokens.Signer signer;

    public InternalTokenSigner(InternalTokenConfig config) {
        this.config = config;
    }

    private record Signed(String authorization, long renewAtNanos) {
    }

    /** A bearer header value for {@code caller}, fresh or recently signed for the same caller. */
    public String authorization(Caller caller) {
        Caller identity = caller.withoutRequestId();
        long now = System.nanoTime();
        Signed signed = recent.get(identity);
        if (signed == null || now - signed.renewAtNanos() >= 0) {
            if (recent.size() >= MAX_CACHED_CALLERS) {
                recent.clear();
            }
            signed = new Signed("Bearer " + signer().sign(identity), now + config.ttl().toNanos() / 2);
            recent.put(identity, signed);
        }
        return signed.authorization();
    }

    private InternalTokens.Signer signer() {
        InternalTokens.Signer current = signer;
        if (current == null) {
            String location = config.privateKeyLocation().orElseThrow(() -> new IllegalStateException(
                    "modelyard.internal-token.private-key-location is required to sign internal tokens"));
            current = new InternalTokens.Signer(PemKeys.readPrivate(location), config.issuer(), config.audience(),
                    config.ttl());
            signer = current;
        }
        return current;
    }
}
