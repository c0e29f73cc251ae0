package dev.modelyard.privacy.kanon;

/**
 * What an anonymization must reach.
 *
 * @param k                every equivalence class keeps at least k records
 * @param l                every class keeps at least l distinct values of the sensitive column; 1 for no
 *                         l-diversity
 * @param suppressionLimit the largest share of records that may be removed to get there
 */
public record PrivacyCriteria(int k, int l, double suppressionLimit) {

    public PrivacyCriteria {
        if (k < 1 || l < 1 || suppressionLimit < 0 || suppressionLimit > 1) {
            throw new IllegalArgumentException("k and l must be positive and the suppression limit a share");
        }
    }
}
