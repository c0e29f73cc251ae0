package dev.modelyard.privacy.detect;

import dev.modelyard.privacy.pii.PiiType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything that shapes detection for one tenant: the platform's defaults, and the tenant's own
 * patterns, terms always flagged ({@code denyList}: term to type) and terms never flagged ({@code allowList}).
 */
public record DetectionSettings(double threshold, Set<PiiType> enabledTypes, List<CustomPattern> customPatterns,
                                Map<String, String> denyList, Set<String> allowList,
                                int columnSampleSize, double columnMajority) {

    public DetectionSettings {
        if (threshold < 0 || threshold > 1) {
            throw new IllegalArgumentException("threshold must be within 0..1, not " + threshold);
        }
        if (columnMajority <= 0 || columnMajority > 1) {
            throw new IllegalArgumentException("columnMajority must be within (0, 1], not " + columnMajority);
        }
        enabledTypes = Set.copyOf(enabledTypes);
        customPatterns = List.copyOf(customPatterns);
        denyList = Map.copyOf(denyList);
        allowList = Set.copyOf(allowList);
    }

    /** A tenant-defined kind: values matching {@code regex} are replaced by {@code <NAME>} with the given score. */
    public record CustomPattern(String name, String regex, double score) {
    }

    public static DetectionSettings defaults() {
        return new DetectionSettings(0.5, EnumSet.allOf(PiiType.class), List.of(), Map.of(), Set.of(), 100, 0.6);
    }

    public static DetectionSettings of(DetectionConfig config) {
        return new DetectionSettings(config.threshold(), config.enabledTypes().orElse(EnumSet.allOf(PiiType.class)),
                List.of(), Map.of(), Set.of(), config.columnSampleSize(), config.columnMajority());
    }

    public DetectionSettings withThreshold(double newThreshold) {
        return new DetectionSettings(newThreshold, enabledTypes, customPatterns, denyList, allowList,
                columnSampleSize, columnMajority);
    }

    public DetectionSettings withTenantLists(List<CustomPattern> patterns, Map<String, String> deny, Set<String> allow) {
        return new DetectionSettings(threshold, enabledTypes, patterns, deny, allow, columnSampleSize, columnMajority);
    }
}
