package dev.modelyard.privacy.policy;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.id.Ids;
import dev.modelyard.common.page.KeysetPages;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import dev.modelyard.common.tenant.TenantContext;
import dev.modelyard.common.time.DatabaseTime;
import dev.modelyard.privacy.PrivacyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The anonymization policies of the caller's tenant. Every change is a new immutable version, so a file's
 * policy reference says for good how it was anonymized. Updates of one policy queue on its row.
 */
@ApplicationScoped
public class PolicyService {

    static final int MAX_NAME = 200;
    static final int MAX_DESCRIPTION = 2000;

    private final EntityManager entities;
    private final PrivacyConfig config;
    private final TenantContext tenantContext;

    public PolicyService(EntityManager entities, PrivacyConfig config, TenantContext tenantContext) {
        this.entities = entities;
        this.config = config;
        this.tenantContext = tenantContext;
    }

    @Transactional
    public PolicyView create(PolicyRequest request) {
        PolicyRules rules = check(request);
        Policy policy = new Policy();
        policy.id = Ids.next("policy");
        policy.createdAt = DatabaseTime.now();
        policy.updatedAt = policy.createdAt;
        policy.name = request.name().strip();
        policy.latestVersion = 1;
        entities.persist(policy);
        return PolicyView.of(policy, addVersion(policy, request, rules));
    }

    /** A new version with the request's name, description and rules; the policy's earlier versions stay. */
    @Transactional
    public PolicyView update(String id, PolicyRequest request) {
        Policy policy = found(entities.find(Policy.class, id, LockModeType.PESSIMISTIC_WRITE), id);
        PolicyRules rules = check(request);
        policy.latestVersion++;
        policy.name = request.name().strip();
        policy.updatedAt = DatabaseTime.now();
        return PolicyView.of(policy, addVersion(policy, request, rules));
    }

    @Transactional
    public PolicyView get(String id) {
        Policy policy = require(id);
        return PolicyView.of(policy, requireVersion(id, policy.latestVersion));
    }

    @Transactional
    public ListPage<PolicyView> list(PageRequest page) {
        return ListPage.of(KeysetPages.newestFirst(entities, Policy.class, page), page.limit(),
                policy -> PolicyView.of(policy, requireVersion(policy.id, policy.latestVersion)), policy -> policy.id);
    }

    /** The policy's versions, newest first; {@code after} is a version number. */
    @Transactional
    public ListPage<PolicyView> versions(String id, PageRequest page) {
        require(id);
        int after;
        try {
            after = page.after() == null ? Integer.MAX_VALUE : Integer.parseInt(page.after());
        } catch (NumberFormatException e) {
            throw PlatformException.badRequest("after must be a version number",
                    FieldError.field("after", "must be a version number"));
        }
        List<PolicyVersion> versions = entities.createQuery("from PolicyVersion where policyId = :policy "
                        + "and version < :after order by version desc", PolicyVersion.class)
                .setParameter("policy", id).setParameter("after", after).setMaxResults(page.fetchSize())
                .getResultList();
        return ListPage.of(versions, page.limit(), PolicyView::of, version -> Integer.toString(version.version));
    }

    @Transactional
    public PolicyView version(String id, int version) {
        require(id);
        return PolicyView.of(requireVersion(id, version));
    }

    /**
     * The operators a reference names: {@code policy-…} (its latest version), {@code policy-…@3}, or nothing or
     * {@code default} for the platform default.
     *
     * @param field the request field the reference came in, named in errors
     * @throws PlatformException 400 when the reference names no policy version of the tenant
     */
    @Transactional
    public AnonymizationPolicy resolve(String reference, String field) {
        if (reference == null || reference.isBlank() || reference.strip().equals(AnonymizationPolicy.DEFAULT_ID)) {
            return AnonymizationPolicy.platformDefault(config.identifierColumns());
        }
        String text = reference.strip();
        int at = text.lastIndexOf('@');
        String id = at < 0 ? text : text.substring(0, at);
        Integer version = null;
        if (at >= 0) {
            try {
                version = Integer.parseInt(text.substring(at + 1));
            } catch (NumberFormatException e) {
                version = -1;
            }
            if (version < 1) {
                throw PlatformException.badRequest("The policy version in '" + text + "' is not a version number",
                        FieldError.field(field, "must be a policy id, optionally followed by @ and a version number"));
            }
        }
        Policy policy = entities.find(Policy.class, id);
        PolicyVersion found = policy == null ? null
                : findVersion(id, version == null ? policy.latestVersion : version);
        if (found == null) {
            throw PlatformException.badRequest("The tenant has no policy '" + text + "'",
                    FieldError.field(field, "names no policy version of the tenant"));
        }
        return AnonymizationPolicy.of(found.policyId, found.version, found.rules, config.identifierColumns());
    }

    private PolicyVersion addVersion(Policy policy, PolicyRequest request, PolicyRules rules) {
        PolicyVersion version = new PolicyVersion();
        version.id = Ids.next("polver");
        version.policyId = policy.id;
        version.version = policy.latestVersion;
        version.name = request.name().strip();
        version.description = request.description();
        version.rules = rules;
        version.createdBy = tenantContext.caller().subject();
        version.createdAt = policy.updatedAt;
        entities.persist(version);
        return version;
    }

    /** The request's rules; @throws PlatformException 400 naming every field at fault */
    private static PolicyRules check(PolicyRequest request) {
        if (request == null) {
            throw PlatformException.badRequest("The request has no body", FieldError.field("name", "is required"));
        }
        List<FieldError> errors = new ArrayList<>();
        if (request.name() == null || request.name().isBlank()) {
            errors.add(FieldError.field("name", "is required"));
        } else if (request.name().strip().length() > MAX_NAME) {
            errors.add(FieldError.field("name", "must be at most " + MAX_NAME + " characters"));
        }
        if (request.description() != null && request.description().length() > MAX_DESCRIPTION) {
            errors.add(FieldError.field("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        PolicyRules rules = new PolicyRules(request.types(), request.columns());
        rules.compile(errors);
        if (!errors.isEmpty()) {
            throw new PlatformException(400, "invalid-request", "Invalid request", "The policy has invalid fields",
                    errors, Map.of());
        }
        return rules;
    }

    private Policy require(String id) {
        return found(entities.find(Policy.class, id), id);
    }

    private static Policy found(Policy policy, String id) {
        if (policy == null) {
            throw PlatformException.notFound("Policy", id);
        }
        return policy;
    }

    private PolicyVersion requireVersion(String id, int version) {
        PolicyVersion found = findVersion(id, version);
        if (found == null) {
            throw PlatformException.notFound("Policy version", id + "@" + version);
        }
        return found;
    }

    private PolicyVersion findVersion(String id, int version) {
        return entities.createQuery("from PolicyVersion where policyId = :policy and version = :version",
                        PolicyVersion.class)
                .setParameter("policy", id).setParameter("version", version)
                .getResultStream().findFirst().orElse(null);
    }
}
