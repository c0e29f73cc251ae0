package dev.modelyard.privacy.detect;

import dev.modelyard.privacy.pii.PiiType;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import java.util.Set;

/** The platform's defaults for PII detection; a tenant's policy starts from these. */
@ConfigMapping(prefix = "modelyard.privacy.detection")
public interface DetectionConfig {

    /** The score (0 to 1) from which a candidate counts as personal data and is replaced. */
    @WithDefault("0.5")
    double threshold();

    /** The built-in types looked for; all of them when not set. */
    Optional<Set<PiiType>> enabledTypes();

    /** How many non-empty values of a CSV column are looked at before the column's type is settled. */
    @WithDefault("100")
    int columnSampleSize();

    /** The share of those values that must carry one type for the whole column to be treated as that type. */
    @WithDefault("0.6")
    double columnMajority();
}
