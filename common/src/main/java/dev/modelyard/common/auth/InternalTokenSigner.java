package dev.modelyard.common.auth;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signs internal tokens in a service that holds the platform's signing key: the gateway for each
 * forwarded request, and a service doing work on its own later (a training job calling the registry).
 * Services without a key never touch this bean, so they need no private key configured.
 */
@ApplicationScoped
public class InternalTokenSigner {

    private final InternalTokenConfig config;
    private volatile InternalTokens.Signer signer;

    public InternalTokenSigner(InternalTokenConfig config) {
        this.config = config;
    }

    public String sign(Caller caller) {
        return signer().sign(caller);
    }

    /** A bearer header value for {@code caller}. */
    public String authorization(Caller caller) {
        return "Bearer " + sign(caller);
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
