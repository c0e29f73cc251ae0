package dev.modelyard.training.clients;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.auth.InternalTokenConfig;
import dev.modelyard.common.auth.InternalTokens;
import dev.modelyard.common.auth.PemKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Tokens for work the orchestrator does on its own, minutes after the request that asked for it: signed
 * with the platform's internal key as {@code service:training-orchestrator}, acting in the job's tenant.
 */
@ApplicationScoped
public class ServiceTokens {

    static final String SUBJECT = "service:training-orchestrator";

    private final InternalTokens.Signer signer;

    public ServiceTokens(InternalTokenConfig config) {
        String key = config.privateKeyLocation().orElseThrow(() -> new IllegalStateException(
                "The training orchestrator signs its own calls: set modelyard.internal-token.private-key-location"));
        this.signer = new InternalTokens.Signer(PemKeys.readPrivate(key), config.issuer(), config.audience(),
                config.ttl());
    }

    /** The {@code Authorization} header value for a call on behalf of {@code tenant}. */
    public String bearer(String tenant) {
        return "Bearer " + signer.sign(new Caller(SUBJECT, tenant, Set.of(Caller.TENANT_MEMBER), null, null));
    }
}
