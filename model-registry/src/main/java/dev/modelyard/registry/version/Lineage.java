package dev.modelyard.registry.version;

/** Where a version came from; every part is optional (a version may be uploaded by hand). */
public record Lineage(String jobId, String trainingFile, String validationFile, String baseModel,
                      Double epsilon, Double delta) {

    static final Lineage UNKNOWN = new Lineage(null, null, null, null, null, null);
}
