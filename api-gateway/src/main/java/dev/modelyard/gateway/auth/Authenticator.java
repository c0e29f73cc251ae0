package dev.modelyard.gateway.auth;

import dev.modelyard.common.auth.BearerTokens;
import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.gateway.apikey.ApiKeySecrets;
import dev.modelyard.gateway.apikey.Scopes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an {@code Authorization} header into an {@link Admission}: an API key (programs) or a
 * Keycloak access token (people). Either way the tenant must exist and be active, so disabling a
 * tenant stops its keys and tokens on their next request. {@link #authenticate} blocks: call it off the event
 * loop.
 */
@ApplicationScoped
public class Authenticator {

    private final CredentialCache credentials;
    private final KeycloakTokenVerifier tokens;

    public Authenticator(CredentialCache credentials, KeycloakTokenVerifier tokens) {
        this.credentials = credentials;
        this.tokens = tokens;
    }

    public Admission authenticate(String authorization, String requestId) {
        String credential = BearerTokens.from(authorization);
        if (credential == null) {
            throw PlatformException.unauthorized("Send an API key or an access token as 'Authorization: Bearer ...'");
        }
        return ApiKeySecrets.looksLikeKey(credential) ? apiKey(credential, requestId) : person(credential, requestId);
    }

    /**
     * {@link #authenticate} when it needs nothing but memory (an API key this gateway holds cached), else
     * empty, and the caller goes on with {@link #authenticate} off the event loop. Never blocks. People's
     * tokens always take the other way: checking one may fetch the realm's keys from Keycloak.
     */
    public Optional<Admission> authenticateFromCache(String authorization, String requestId) {
        String credential = BearerTokens.from(authorization);
        if (credential == null || !ApiKeySecrets.looksLikeKey(credential)) {
            return Optional.empty();
        }
        return credentials.cachedApiKey(credential).map(key -> admitKey(key, requestId));
    }

    private Admission apiKey(String secret, String requestId) {
        return admitKey(credentials.apiKey(secret).orElseThrow(() -> PlatformException.unauthorized("Unknown API key")),
                requestId);
    }

    private static Admission admitKey(AuthLookups.Found key, String requestId) {
        if (key.revokedAt() != null) {
            throw PlatformException.unauthorized("This API key has been revoked");
        }
        if (key.expiresAt() != null && !Instant.now().isBefore(key.expiresAt())) {
            throw PlatformException.unauthorized("This API key has expired");
        }
        if (!"active".equals(key.tenantStatus())) {
            throw PlatformException.unauthorized("The tenant of this API key is disabled");
        }
        // A key acts as a member of its tenant: it can use the platform but not manage keys or people.
        Caller caller = new Caller(key.keyId(), key.tenant(), Set.of(Caller.TENANT_MEMBER), key.keyId(), requestId);
        return new Admission(caller, key.scopes(), key.tenantRequestsPerMinute(), key.keyRequestsPerMinute());
    }

    private Admission person(String token, String requestId) {
        Caller caller = tokens.verify(token, requestId);
        if (caller.tenant() == null) {
            if (!caller.hasRole(Caller.PLATFORM_ADMIN)) {
                throw PlatformException.unauthorized("The token names no tenant");
            }
            return new Admission(caller, Set.of(Scopes.ALL), 0, null);
        }
        AuthLookups.TenantState tenant = credentials.tenant(caller.tenant())
                .orElseThrow(() -> PlatformException.unauthorized("Unknown tenant '" + caller.tenant() + "'"));
        if (!tenant.active()) {
            throw PlatformException.unauthorized("Tenant '" + caller.tenant() + "' is disabled");
        }
        return new Admission(caller, Set.of(Scopes.ALL), tenant.requestsPerMinute(), null);
    }
}
