package dev.modelyard.gateway.auth;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.gateway.apikey.Scopes;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a request's {@link Credential} into an {@link Admission}: an API key (programs) or a Keycloak access
 * token (people). Either way the tenant must exist and be active, so disabling a tenant stops its keys and
 * tokens on their next request. {@link #fromMemory} first, on the event loop; only when it comes back empty
 * {@link #authenticate}, which blocks, on a worker thread.
 */
@Singleton // used on every request: no client proxy to go through each time
public class Authenticator {

    private static final Set<String> EVERY_SCOPE = Set.of(Scopes.ALL);
    /** A key acts as a member of its tenant: it can use the platform but not manage keys or people. */
    private static final Set<String> KEY_ROLES = Set.of(Caller.TENANT_MEMBER);

    private final CredentialCache credentials;
    private final KeycloakTokenVerifier tokens;

    public Authenticator(CredentialCache credentials, KeycloakTokenVerifier tokens) {
        this.credentials = credentials;
        this.tokens = tokens;
    }

    /**
     * The admission when deciding it needs nothing but memory (an API key this gateway holds; a token signed
     * by one of the realm's keys held, of a tenant held), else empty, and the caller goes on with
     * {@link #authenticate}. Never blocks, so it may run on the event loop.
     *
     * @throws PlatformException 401 when the credential is refused
     */
    public Optional<Admission> fromMemory(Credential credential, String requestId) {
        if (credential.isApiKey()) {
            return credentials.heldApiKey(credential.keyHash()).map(key -> admitKey(key, requestId));
        }
        Optional<Caller> person = tokens.verifyWithHeldKeys(credential.value(), requestId);
        if (person.isEmpty()) {
            return Optional.empty();
        }
        Caller caller = person.get();
        if (caller.tenant() == null) {
            return Optional.of(admitOutsideTenants(caller));
        }
        return credentials.heldTenant(caller.tenant()).map(tenant -> admitPerson(caller, tenant));
    }

    /** The admission, reading the database or Keycloak where memory does not hold the answer: blocks. */
    public Admission authenticate(Credential credential, String requestId) {
        if (credential.isApiKey()) {
            return admitKey(credentials.apiKey(credential.keyHash())
                    .orElseThrow(() -> PlatformException.unauthorized("Unknown API key")), requestId);
        }
        Caller caller = tokens.verify(credential.value(), requestId);
        if (caller.tenant() == null) {
            return admitOutsideTenants(caller);
        }
        return admitPerson(caller, credentials.tenant(caller.tenant())
                .orElseThrow(() -> PlatformException.unauthorized("Unknown tenant '" + caller.tenant() + "'")));
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
        Caller caller = new Caller(key.keyId(), key.tenant(), KEY_ROLES, key.keyId(), requestId);
        return new Admission(caller, key.scopes(), key.tenantRequestsPerMinute(), key.keyRequestsPerMinute());
    }

    private static Admission admitOutsideTenants(Caller caller) {
        if (!caller.hasRole(Caller.PLATFORM_ADMIN)) {
            throw PlatformException.unauthorized("The token names no tenant");
        }
        return new Admission(caller, EVERY_SCOPE, 0, null);
    }

    private static Admission admitPerson(Caller caller, AuthLookups.TenantState tenant) {
        if (!tenant.active()) {
            throw PlatformException.unauthorized("Tenant '" + caller.tenant() + "' is disabled");
        }
        return new Admission(caller, EVERY_SCOPE, tenant.requestsPerMinute(), null);
    }
}
