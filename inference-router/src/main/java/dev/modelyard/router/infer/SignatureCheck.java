package dev.modelyard.router.infer;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferRequest.InferInputTensor;
import dev.modelyard.router.resolve.TensorSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a request's inputs with the model's signature before any model server sees them: every
 * input present once, the same datatype, the same rank with fixed sizes equal ({@code -1} accepts
 * any), and as many values as the shape holds, in typed or in raw contents ({@link Tensors#checked}
 * made sure raw contents split into whole elements).
 */
final class SignatureCheck {

    private SignatureCheck() {
    }

    /** Everything wrong, field by field; empty when the request fits. */
    static List<FieldError> mismatches(ModelInferRequest request, List<TensorSpec> signature) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.getInputsCount(); i++) {
            InferInputTensor input = request.getInputs(i);
            String field = "inputs[" + i + "]";
            Optional<TensorSpec> spec = signature.stream().filter(s -> s.name().equals(input.getName())).findFirst();
            if (spec.isEmpty()) {
                errors.add(FieldError.field(field + ".name", "The model has no input '" + input.getName() + "'"));
            } else if (!seen.add(input.getName())) {
                errors.add(FieldError.field(field + ".name", "Input '" + input.getName() + "' is given twice"));
            } else {
                check(request, i, spec.get(), field, errors);
            }
        }
        for (TensorSpec spec : signature) {
            if (!seen.contains(spec.name())) {
                errors.add(FieldError.field("inputs", "Input '" + spec.name() + "' is missing"));
            }
        }
        return errors;
    }

    private static void check(ModelInferRequest request, int index, TensorSpec spec, String field, List<FieldError> errors) {
        InferInputTensor input = request.getInputs(index);
        if (!spec.datatype().equals(input.getDatatype())) {
            errors.add(FieldError.field(field + ".datatype", "Is " + input.getDatatype() + ", expected " + spec.datatype()));
            return;
        }
        Optional<Datatype> type = Datatype.of(spec.datatype());
        if (type.isEmpty()) {
            errors.add(FieldError.field(field + ".datatype", spec.datatype() + " is not supported by the router"));
            return;
        }
        List<Long> shape = input.getShapeList();
        if (!fits(shape, spec.shape())) {
            errors.add(FieldError.field(field + ".shape", "Is " + shape + ", expected " + spec.shape()));
            return;
        }
        long expected = elements(shape);
        int actual = request.getRawInputContentsCount() > 0 ? type.get().count(request.getRawInputContents(index))
                : type.get().count(input.getContents());
        if (actual != expected) {
            errors.add(FieldError.field(field + ".data", "Has " + actual + " values; shape " + shape + " holds " + expected));
        }
    }

    static boolean fits(List<Long> shape, List<Long> expected) {
        if (shape.size() != expected.size()) {
            return false;
        }
        for (int d = 0; d < shape.size(); d++) {
            long size = shape.get(d);
            if (size < 0 || (expected.get(d) >= 0 && size != expected.get(d))) {
                return false;
            }
        }
        return true;
    }

    /** How many values a shape holds; a shape too large for any request counts as impossible. */
    static long elements(List<Long> shape) {
        long product = 1;
        for (long size : shape) {
            try {
                product = Math.multiplyExact(product, size);
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return product;
    }

    /** Rows for metering: the first input's batch dimension (a scalar input is one row). */
    static long rows(ModelInferRequest request) {
        if (request.getInputsCount() == 0) {
            return 0;
        }
        InferInputTensor first = request.getInputs(0);
        return first.getShapeCount() == 0 ? 1 : Math.max(0, first.getShape(0));
    }
}
