package dev.modelyard.testsupport;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.auth.InternalTokens;
import dev.modelyard.common.auth.PemKeys;
import java.time.Duration;
import java.util.Set;

/**
 * Internal tokens as the gateway would sign them, with the test key. Services under test are
 * configured with {@code modelyard.internal-token.public-key-location=classpath:test-keys/internal-token.pub}.
 */
public final class TestTokens {

    public static final String PUBLIC_KEY = "classpath:test-keys/internal-token.pub";
    public static final String PRIVATE_KEY = "classpath:test-keys/internal-token.key";

    private static final InternalTokens.Signer SIGNER = new InternalTokens.Signer(PemKeys.readPrivate(PRIVATE_KEY),
            "modelyard-gateway", "modelyard-services", Duration.ofMinutes(2));

    private TestTokens() {
    }

    public static String admin(String tenant) {
        return sign(new Caller("admin@" + tenant, tenant, Set.of(Caller.TENANT_ADMIN, Caller.TENANT_MEMBER), null, null));
    }

    public static String member(String tenant) {
        return sign(new Caller("member@" + tenant, tenant, Set.of(Caller.TENANT_MEMBER), null, null));
    }

    public static String sign(Caller caller) {
        return SIGNER.sign(caller);
    }

    /** The {@code Authorization} header value for a tenant admin. */
    public static String bearerAdmin(String tenant) {
        return "Bearer " + admin(tenant);
    }
}
