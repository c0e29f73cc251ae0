package dev.modelyard.router.infer;

import dev.modelyard.common.error.FieldError;
import java.util.List;

/** Tensors that cannot be read as what they claim to be; the caller turns this into an answer naming the signature. */
class InvalidTensorsException extends RuntimeException {

    private final List<FieldError> errors;

    InvalidTensorsException(List<FieldError> errors) {
        super(errors.getFirst().field() + ": " + errors.getFirst().message());
        this.errors = List.copyOf(errors);
    }

    List<FieldError> errors() {
        return errors;
    }
}
