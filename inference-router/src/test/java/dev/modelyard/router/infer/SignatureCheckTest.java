package dev.modelyard.router.infer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.modelyard.common.error.FieldError;
import dev.modelyard.protocols.kserve.InferTensorContents;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferRequest.InferInputTensor;
import dev.modelyard.router.resolve.TensorSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureCheckTest {

    private static final List<TensorSpec> SIGNATURE = List.of(new TensorSpec("features", "FP32", List.of(-1L, 4L)));

    @Test
    void acceptsAnyBatchSizeWithTheFixedDimensionsAndAllValues() {
        assertThat(SignatureCheck.mismatches(request(input("features", "FP32", List.of(3L, 4L), 12)), SIGNATURE)).isEmpty();
        assertThat(SignatureCheck.mismatches(request(input("features", "FP32", List.of(0L, 4L), 0)), SIGNATURE)).isEmpty();
    }

    @Test
    void namesTheFieldThatDoesNotFit() {
        assertThat(fields(input("features", "FP64", List.of(1L, 4L), 0))).containsExactly("inputs[0].datatype");
        assertThat(fields(input("features", "FP32", List.of(4L), 4))).containsExactly("inputs[0].shape");
        assertThat(fields(input("features", "FP32", List.of(1L, 3L), 3))).containsExactly("inputs[0].shape");
        assertThat(fields(input("features", "FP32", List.of(-2L, 4L), 0))).containsExactly("inputs[0].shape");
        assertThat(fields(input("features", "FP32", List.of(2L, 4L), 7))).containsExactly("inputs[0].data");
        assertThat(fields(input("other", "FP32", List.of(1L, 4L), 4))).containsExactly("inputs[0].name", "inputs");
    }

    @Test
    void refusesAnInputGivenTwiceAndReportsMissingOnes() {
        ModelInferRequest twice = request(input("features", "FP32", List.of(1L, 4L), 4),
                input("features", "FP32", List.of(1L, 4L), 4));
        assertThat(SignatureCheck.mismatches(twice, SIGNATURE)).extracting(FieldError::field).containsExactly("inputs[1].name");
        assertThat(SignatureCheck.mismatches(request(), SIGNATURE)).extracting(FieldError::message)
                .containsExactly("Input 'features' is missing");
    }

    @Test
    void shapesTooLargeToHoldNeverMatchTheirData() {
        assertThat(SignatureCheck.elements(List.of(Long.MAX_VALUE, 4L))).isEqualTo(Long.MAX_VALUE);
        assertThat(SignatureCheck.elements(List.of())).isEqualTo(1);
    }

    @Test
    void rowsAreTheFirstInputsBatchDimension() {
        assertThat(SignatureCheck.rows(request(input("features", "FP32", List.of(7L, 4L), 28)))).isEqualTo(7);
        assertThat(SignatureCheck.rows(request(input("scalar", "FP32", List.of(), 1)))).isEqualTo(1);
        assertThat(SignatureCheck.rows(request())).isZero();
    }

    /** The trainer's two-input signature: numeric features and categorical values as strings, typed or raw. */
    @Test
    void acceptsCategoricalBytesBesideTheFeatures() {
        List<TensorSpec> signature = List.of(new TensorSpec("features", "FP32", List.of(-1L, 4L)),
                new TensorSpec("categories", "BYTES", List.of(-1L, 2L)));
        InferInputTensor categories = InferInputTensor.newBuilder().setName("categories").setDatatype("BYTES")
                .addShape(2).addShape(2).setContents(InferTensorContents.newBuilder()
                        .addBytesContents(ByteString.copyFromUtf8("gold")).addBytesContents(ByteString.copyFromUtf8("north"))
                        .addBytesContents(ByteString.copyFromUtf8("basic")).addBytesContents(ByteString.copyFromUtf8(""))).build();
        ModelInferRequest typed = request(input("features", "FP32", List.of(2L, 4L), 8), categories);

        assertThat(SignatureCheck.mismatches(typed, signature)).isEmpty();
        ModelInferRequest.Builder raw = typed.toBuilder();
        for (int i = 0; i < raw.getInputsCount(); i++) {
            Datatype type = Datatype.of(raw.getInputs(i).getDatatype()).orElseThrow();
            raw.addRawInputContents(type.toRaw(raw.getInputs(i).getContents()));
            raw.getInputsBuilder(i).clearContents();
        }
        assertThat(SignatureCheck.mismatches(raw.build(), signature)).isEmpty();
        raw.setRawInputContents(1, raw.getRawInputContents(1).substring(0, 8 + 4 + 5 + 4 + 5));
        assertThat(SignatureCheck.mismatches(raw.build(), signature)).extracting(FieldError::field)
                .containsExactly("inputs[1].data");
    }

    private static List<String> fields(InferInputTensor input) {
        return SignatureCheck.mismatches(request(input), SIGNATURE).stream().map(FieldError::field).toList();
    }

    private static ModelInferRequest request(InferInputTensor... inputs) {
        return ModelInferRequest.newBuilder().addAllInputs(List.of(inputs)).build();
    }

    private static InferInputTensor input(String name, String datatype, List<Long> shape, int values) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        for (int i = 0; i < values; i++) {
            contents.addFp32Contents(i);
        }
        return InferInputTensor.newBuilder().setName(name).setDatatype(datatype).addAllShape(shape)
                .setContents(contents).build();
    }
}
