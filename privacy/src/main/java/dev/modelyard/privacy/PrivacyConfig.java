package dev.modelyard.privacy;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Set;

/** How uploads are checked and anonymized. */
@ConfigMapping(prefix = "modelyard.privacy")
public interface PrivacyConfig {

    /**
     * The platform secret from which each tenant's pseudonym key is derived. The default only suits
     * a local platform; changing the secret changes every pseudonym issued afterwards.
     */
    @WithDefault("modelyard-dev-pseudonym-secret")
    String pseudonymSecret();

    /** The largest file accepted, before anonymization. */
    @WithDefault("512M")
    MemorySize maxUploadSize();

    /**
     * Columns (CSV headers, JSON keys; compared case-insensitively) whose values are replaced whole by pseudonyms,
     * unless the upload's policy gives the column an operator of its own.
     */
    @WithDefault("id,user_id,customer_id,email,account_id")
    Set<String> identifierColumns();
}
