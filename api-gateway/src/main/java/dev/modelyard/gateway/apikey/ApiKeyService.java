package dev.modelyard.gateway.apikey;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.id.Ids;
import dev.modelyard.common.page.KeysetPages;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import dev.modelyard.common.tenant.TenantContext;
import dev.modelyard.common.time.DatabaseTime;
import dev.modelyard.gateway.auth.CredentialCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The tenant's API keys. Tenant filtering comes from the data layer (discriminator and RLS). */
@ApplicationScoped
public class ApiKeyService {

    private final EntityManager entities;
    private final TenantContext context;
    private final CredentialCache credentials;

    public ApiKeyService(EntityManager entities, TenantContext context, CredentialCache credentials) {
        this.entities = entities;
        this.context = context;
        this.credentials = credentials;
    }

    @Transactional
    public ApiKeyView create(ApiKeyRequests.Create request) {
        List<String> scopes = request.scopes() == null ? List.of(Scopes.ALL) : request.scopes().stream().distinct().toList();
        for (int i = 0; i < scopes.size(); i++) {
            if (!Scopes.KNOWN.contains(scopes.get(i))) {
                throw PlatformException.badRequest("Unknown scope", FieldError.field("scopes." + i,
                        "'" + scopes.get(i) + "' is not one of " + Scopes.KNOWN));
            }
        }
        String secret = ApiKeySecrets.generate();
        ApiKey key = new ApiKey();
        key.id = Ids.next("key");
        key.name = request.name();
        key.prefix = ApiKeySecrets.displayPrefix(secret);
        key.secretHash = ApiKeySecrets.hash(secret);
        key.scopes = scopes.toArray(String[]::new);
        key.rateLimitPerMinute = request.rateLimitPerMinute();
        key.createdBy = context.caller().subject();
        key.createdAt = DatabaseTime.now();
        key.expiresAt = request.expiresInDays() == null ? null : key.createdAt.plus(request.expiresInDays(), ChronoUnit.DAYS);
        entities.persist(key);
        return ApiKeyView.of(key, secret);
    }

    @Transactional
    public ListPage<ApiKeyView> list(PageRequest page) {
        return ListPage.of(KeysetPages.newestFirst(entities, ApiKey.class, page), page.limit(), ApiKeyView::of, k -> k.id);
    }

    @Transactional
    public ApiKeyView get(String id) {
        return ApiKeyView.of(require(id));
    }

    /** Revokes the key; the next request that presents it is refused. Revoking twice is harmless. */
    @Transactional
    public ApiKeyView revoke(String id) {
        ApiKey key = require(id);
        if (key.revokedAt == null) {
            key.revokedAt = DatabaseTime.now();
            credentials.forgetAllAfterCommit();
        }
        return ApiKeyView.of(key);
    }

    private ApiKey require(String id) {
        ApiKey key = entities.find(ApiKey.class, id);
        if (key == null) {
            throw PlatformException.notFound("API key", id);
        }
        return key;
    }
}
