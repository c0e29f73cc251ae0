package dev.modelyard.registry.version;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * What a model takes and gives, as the trainer's {@code signature.json} describes it.
 *
 * @param categoricalColumns the columns of the {@code categories} input in order, with the values each knows;
 *                           null for a model without one
 */
public record Signature(
        @NotEmpty List<@Valid TensorSpec> inputs,
        @NotEmpty List<@Valid TensorSpec> outputs,
        List<String> featureNames,
        List<@Valid CategoricalColumn> categoricalColumns,
        List<String> classLabels) {

    /** A signature without categorical columns. */
    public Signature(List<TensorSpec> inputs, List<TensorSpec> outputs, List<String> featureNames, List<String> classLabels) {
        this(inputs, outputs, featureNames, null, classLabels);
    }

    /** A text column the model one-hot encodes; a value outside {@code vocabulary} counts as none of them. */
    public record CategoricalColumn(@NotBlank String name, @NotNull List<@NotNull String> vocabulary) {
    }
}
