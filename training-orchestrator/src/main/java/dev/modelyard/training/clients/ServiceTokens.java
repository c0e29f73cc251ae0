package dev.modelyard.training.clients;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.auth.InternalTokenSigner;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Tokens for work the orchestrator does on its own, minutes after the request that asked for it: signed
 * with the platform's internal key as {@code service:training-orchestrator}, acting in the job's tenant.
 */
@ApplicationScoped
public class ServiceTokens {

    static final String SUBJECT = "service:training-orchestrator";

    private final InternalTokenSigner signer;

    public ServiceTokens(InternalTokenSigner signer) {
        this.signer = signer;
    }

    /** The orchestrator acting in {@code tenant}: who its calls to other services and its background work run as. */
    public static Caller actingIn(String tenant) {
        return new Caller(SUBJECT, tenant, Set.of(Caller.TENANT_MEMBER), null, null);
    }

    /** The {@code Authorization} header value for a call on behalf of {@code tenant}. */
    public String bearer(String tenant) {
        return signer.authorization(actingIn(tenant));
    }
}
