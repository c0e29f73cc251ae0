package dev.modelyard.gateway.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The identity provider people log in with. */
@ConfigMapping(prefix = "modelyard.keycloak")
public interface KeycloakConfig {

    /** Base URL of Keycloak, as the tokens' issuer names it (the embedded stack uses 127.0.0.1). */
    @WithDefault("http://127.0.0.1:8180")
    String url();

    /** The realm holding Modelyard's users, roles and clients. */
    @WithDefault("modelyard")
    String realm();

    /** Clients whose tokens the gateway accepts (the token's {@code azp}). */
    @WithDefault("modelyard-console,modelyard-cli")
    Set<String> acceptedClients();

    /** Confidential client the gateway uses for Keycloak's admin API when it onboards tenants. */
    @WithDefault("modelyard-gateway")
    String adminClientId();

    /** Secret of {@link #adminClientId()}; the default is the development realm's. */
    @WithDefault("modelyard-gateway-dev-secret")
    String adminClientSecret();

    /** How long fetched signing keys are trusted before Keycloak is asked again. */
    @WithDefault("PT10M")
    Duration jwksCacheTtl();

    /**
     * Base URL the gateway itself calls Keycloak at, when that differs from the public one in the tokens
     * (in a cluster: the in-cluster service, while browsers use the public host). Unset: {@link #url()}.
     */
    Optional<String> internalUrl();

    default String issuer() {
        return url() + "/realms/" + realm();
    }

    /** The realm's endpoints as the gateway reaches them (signing keys, client credentials, admin API). */
    default String realmEndpoint() {
        return internalUrl().orElse(url()) + "/realms/" + realm();
    }

    default String adminEndpoint() {
        return internalUrl().orElse(url()) + "/admin/realms/" + realm();
    }
}
