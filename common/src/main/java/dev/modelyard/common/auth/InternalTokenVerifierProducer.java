package dev.modelyard.common.auth;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * One verifier of internal tokens per service, for every way a call comes in (the REST layer's mechanism, the
 * router's inference route and gRPC interceptor): a token verified once is remembered for all of them.
 */
public class InternalTokenVerifierProducer {

    @Produces
    @Singleton // used on every call: no client proxy to go through each time
    InternalTokens.Verifier verifier(InternalTokenConfig config) {
        return new InternalTokens.Verifier(PemKeys.readPublic(config.publicKeyLocation()), config.issuer(),
                config.audience(), config.ttl());
    }
}
