package dev.modelyard.training.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The body of the registry's {@code POST /v1/models/{name}/versions} for a trained model, per the lifecycle contract. */
final class VersionRegistration {

    private static final ObjectMapper JSON = new ObjectMapper();

    private VersionRegistration() {
    }

    /** {@code metrics} is the trainer's {@code metrics.json}, which also carries the epsilon and delta spent. */
    static ObjectNode of(FineTuningJob job, String artifactSha256, JsonNode signature, JsonNode metrics) {
        ObjectNode body = JSON.createObjectNode();
        body.put("artifact_sha256", artifactSha256);
        body.put("format", "onnx");
        body.set("signature", signature);
        body.set("metrics", metrics);
        ObjectNode lineage = body.putObject("lineage");
        lineage.put("job_id", job.id);
        lineage.put("training_file", job.trainingFile);
        lineage.put("validation_file", job.validationFile);
        lineage.put("base_model", job.baseModel());
        lineage.set("epsilon", metrics.path("epsilon").isNumber() ? metrics.get("epsilon") : JSON.nullNode());
        lineage.set("delta", metrics.path("delta").isNumber() ? metrics.get("delta") : JSON.nullNode());
        body.put("create_model", true);
        return body;
    }
}
