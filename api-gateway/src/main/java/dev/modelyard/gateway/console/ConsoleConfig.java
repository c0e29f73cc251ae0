package dev.modelyard.gateway.console;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The web console the gateway serves at {@code /}. */
@ConfigMapping(prefix = "modelyard.console")
public interface ConsoleConfig {

    /** The public Keycloak client the console logs people in with (authorization code with PKCE). */
    @WithDefault("modelyard-console")
    String clientId();
}
