package dev.modelyard.registry.version;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;

/** What a model takes and gives, as the trainer's {@code signature.json} describes it. */
public record Signature(
        @NotEmpty List<@Valid TensorSpec> inputs,
        @NotEmpty List<@Valid TensorSpec> outputs,
        List<String> featureNames,
        List<String> classLabels) {
}
