package dev.modelyard.registry.version;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** One input or output tensor of a model, in KServe v2 terms; {@code -1} in a shape means any size. */
public record TensorSpec(
        @NotBlank @Size(max = 128) String name,
        @NotNull @Pattern(regexp = DATATYPES, message = "must be a KServe datatype: " + DATATYPES) String datatype,
        @NotNull @Size(max = 8) List<@NotNull @Min(-1) Long> shape) {

    /** The KServe v2 tensor datatypes. */
    public static final String DATATYPES = "BOOL|UINT8|UINT16|UINT32|UINT64|INT8|INT16|INT32|INT64|FP16|FP32|FP64|BF16|BYTES";
}
