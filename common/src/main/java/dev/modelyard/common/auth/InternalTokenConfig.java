package dev.modelyard.common.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The token the gateway signs for every forwarded request. */
@ConfigMapping(prefix = "modelyard.internal-token")
public interface InternalTokenConfig {

    /** PEM public key that verifies internal tokens: a file path or {@code classpath:...}. */
    String publicKeyLocation();

    /** PEM private key that signs internal tokens; only the gateway has one. */
    Optional<String> privateKeyLocation();

    /** The {@code iss} the gateway writes and services require. */
    @WithDefault("modelyard-gateway")
    String issuer();

    /** The {@code aud} the gateway writes and services require. */
    @WithDefault("modelyard-services")
    String audience();

    /** How long a forwarded request's token stays valid: long enough for a slow upload to start. */
    @WithDefault("PT2M")
    Duration ttl();
}
