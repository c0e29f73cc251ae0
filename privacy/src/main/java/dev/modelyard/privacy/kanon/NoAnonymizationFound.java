package dev.modelyard.privacy.kanon;

/**
 * No generalization meets the criteria within the suppression limit. Since generalizing only merges classes,
 * this is known once the fully generalized table fails; {@code bestRisk} is that table's risk, the lowest any
 * generalization reaches.
 */
public final class NoAnonymizationFound extends RuntimeException {

    private final transient Risk bestRisk;

    public NoAnonymizationFound(Risk bestRisk) {
        super("No generalization meets the criteria within the suppression limit; the best reaches a highest risk of "
                + bestRisk.highest());
        this.bestRisk = bestRisk;
    }

    public Risk bestRisk() {
        return bestRisk;
    }
}
