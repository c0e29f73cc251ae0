package dev.modelyard.gateway.tenant;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.page.KeysetPages;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import dev.modelyard.common.time.DatabaseTime;
import dev.modelyard.gateway.auth.CredentialCache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import org.jboss.logging.Logger;

/** Tenants, their plans and quotas; onboarding provisions the identity provider too. */
@ApplicationScoped
public class TenantService {

    private static final Logger LOG = Logger.getLogger(TenantService.class);
    private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager entities;
    private final KeycloakAdmin keycloak;
    private final CredentialCache credentials;

    public TenantService(EntityManager entities, KeycloakAdmin keycloak, CredentialCache credentials) {
        this.entities = entities;
        this.keycloak = keycloak;
        this.credentials = credentials;
    }

    /**
     * Creates the tenant, its Keycloak group and its first admin (with a temporary password that
     * is returned once). If Keycloak fails, nothing is kept.
     */
    @Transactional
    public TenantView create(TenantRequests.Create request) {
        if (entities.find(Tenant.class, request.id()) != null) {
            throw PlatformException.conflict("Tenant '" + request.id() + "' already exists");
        }
        Tenant tenant = newTenant(request.id(), request.name(), request.plan() == null ? "free" : request.plan());
        applyQuotas(tenant, request.quotas());
        entities.persist(tenant);
        entities.flush();

        String groupId = keycloak.createTenantGroup(tenant.id);
        String password = temporaryPassword();
        TenantRequests.Admin admin = request.admin();
        try {
            keycloak.createUser(admin.email(), admin.email(), orDefault(admin.firstName(), "Admin"),
                    orDefault(admin.lastName(), tenant.name), tenant.id, password, Caller.TENANT_ADMIN);
        } catch (RuntimeException e) {
            keycloak.deleteGroup(groupId);
            throw e;
        }
        LOG.infof("Onboarded tenant %s (plan %s) with admin %s", tenant.id, tenant.plan.id, admin.email());
        return TenantView.of(tenant, new TenantView.InitialAdmin(admin.email(), admin.email(), password));
    }

    /** Creates a tenant whose group and users already exist in the realm (the demo tenants). */
    @Transactional
    public void ensureExists(String id, String name, String plan) {
        if (entities.find(Tenant.class, id) == null) {
            entities.persist(newTenant(id, name, plan));
            LOG.infof("Created demo tenant %s", id);
        }
    }

    @Transactional
    public ListPage<TenantView> list(PageRequest page) {
        return ListPage.of(KeysetPages.inIdOrder(entities, Tenant.class, page), page.limit(), TenantView::of, t -> t.id);
    }

    @Transactional
    public TenantView get(String id) {
        return TenantView.of(require(id));
    }

    /**
     * Changes plan, quotas or status. Disabling takes effect at once for every token and key,
     * because the gateway checks the tenant's status on each request; Keycloak logins stop too.
     */
    @Transactional
    public TenantView update(String id, TenantRequests.Update request) {
        Tenant tenant = require(id);
        credentials.forgetAllAfterCommit();
        if (request.name() != null) {
            tenant.name = request.name();
        }
        if (request.plan() != null) {
            tenant.plan = plan(request.plan());
        }
        applyQuotas(tenant, request.quotas());
        boolean statusChanged = request.status() != null && !request.status().equals(tenant.status);
        if (statusChanged) {
            tenant.status = request.status();
        }
        tenant.updatedAt = DatabaseTime.now();
        if (statusChanged) {
            entities.flush();
            keycloak.setTenantUsersEnabled(tenant.id, tenant.active());
            LOG.infof("Tenant %s is now %s", tenant.id, tenant.status);
        }
        return TenantView.of(tenant);
    }

    private Tenant newTenant(String id, String name, String plan) {
        Tenant tenant = new Tenant();
        tenant.id = id;
        tenant.name = name;
        tenant.plan = plan(plan);
        tenant.status = Tenant.ACTIVE;
        tenant.createdAt = DatabaseTime.now();
        tenant.updatedAt = tenant.createdAt;
        return tenant;
    }

    private Plan plan(String id) {
        Plan plan = entities.find(Plan.class, id);
        if (plan == null) {
            throw PlatformException.badRequest("Unknown plan", FieldError.field("plan", "no plan '" + id + "'"));
        }
        return plan;
    }

    private Tenant require(String id) {
        Tenant tenant = entities.find(Tenant.class, id);
        if (tenant == null) {
            throw PlatformException.notFound("Tenant", id);
        }
        return tenant;
    }

    private static void applyQuotas(Tenant tenant, TenantRequests.Quotas quotas) {
        if (quotas == null) {
            return;
        }
        if (quotas.requestsPerMinute() != null) {
            tenant.requestsPerMinute = quotas.requestsPerMinute();
        }
        if (quotas.maxConcurrentJobs() != null) {
            tenant.maxConcurrentJobs = quotas.maxConcurrentJobs();
        }
    }

    private static String temporaryPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(PASSWORD_ALPHABET.charAt(RANDOM.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
