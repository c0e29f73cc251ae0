package dev.modelyard.router.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.google.protobuf.ByteString;
import dev.modelyard.common.error.FieldError;
import dev.modelyard.protocols.kserve.InferTensorContents;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.protocols.kserve.ModelInferResponse.InferOutputTensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TensorsTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @Test
    void readsNestedAndFlatJsonDataOfEachType() {
        ModelInferRequest request = Tensors.fromJson(body("""
                {"id": "r1", "parameters": {"priority": 2, "trace": true},
                 "inputs": [
                   {"name": "f", "datatype": "FP32", "shape": [2, 2], "data": [[1, 2.5], [3, 4]]},
                   {"name": "b", "datatype": "BOOL", "shape": [2], "data": [true, false]},
                   {"name": "s", "datatype": "BYTES", "shape": [1], "data": ["héllo"]},
                   {"name": "u", "datatype": "UINT8", "shape": [1], "data": [255]},
                   {"name": "l", "datatype": "INT64", "shape": [1], "data": [9007199254740993]}],
                 "outputs": [{"name": "sum"}]}"""), ByteString.EMPTY);

        assertThat(request.getId()).isEqualTo("r1");
        assertThat(request.getParametersMap().get("priority").getInt64Param()).isEqualTo(2);
        assertThat(request.getParametersMap().get("trace").getBoolParam()).isTrue();
        assertThat(request.getInputs(0).getShapeList()).containsExactly(2L, 2L);
        assertThat(request.getInputs(0).getContents().getFp32ContentsList()).containsExactly(1f, 2.5f, 3f, 4f);
        assertThat(request.getInputs(1).getContents().getBoolContentsList()).containsExactly(true, false);
        assertThat(request.getInputs(2).getContents().getBytesContents(0).toStringUtf8()).isEqualTo("héllo");
        assertThat(request.getInputs(3).getContents().getUintContentsList()).containsExactly(255);
        assertThat(request.getInputs(4).getContents().getInt64ContentsList()).containsExactly(9007199254740993L);
        assertThat(request.getOutputs(0).getName()).isEqualTo("sum");
    }

    @Test
    void namesTheFieldOfDataThatIsNotItsDatatype() {
        assertThat(errors("""
                {"inputs": [{"name": "f", "datatype": "INT8", "shape": [1], "data": [128]}]}"""))
                .extracting(FieldError::field).containsExactly("inputs[0].data");
        assertThat(errors("""
                {"inputs": [{"name": "f", "datatype": "BF16", "shape": [1], "data": [1]}]}"""))
                .extracting(FieldError::field).containsExactly("inputs[0].datatype");
        assertThat(errors("""
                {"inputs": [{"name": "f", "datatype": "BYTES", "shape": [1], "data": [1]}, {"datatype": "FP32"}]}"""))
                .extracting(FieldError::field)
                .containsExactly("inputs[0].data", "inputs[1].name", "inputs[1].shape", "inputs[1].data");
        assertThat(errors("{\"inputs\": []}")).extracting(FieldError::field).containsExactly("inputs");
    }

    @Test
    void checksRawInputContentsAndKeepsThemRaw() {
        ByteBuffer raw = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f);
        ModelInferRequest request = ModelInferRequest.newBuilder()
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("f").setDatatype("FP32").addShape(2))
                .addRawInputContents(ByteString.copyFrom(raw.array()))
                .build();

        assertThat(Tensors.checked(request)).isSameAs(request);
        assertThatThrownBy(() -> Tensors.checked(request.toBuilder()
                .setRawInputContents(0, ByteString.copyFrom(new byte[7])).build()))
                .isInstanceOf(InvalidTensorsException.class).hasMessageContaining("raw_input_contents[0]");
        assertThatThrownBy(() -> Tensors.checked(ModelInferRequest.newBuilder()
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("h").setDatatype("FP16").addShape(1))
                .build()))
                .isInstanceOf(InvalidTensorsException.class).hasMessageContaining("inputs[0].contents");
    }

    /** FP16 has no typed contents: JSON with an FP16 input goes on with every input raw. */
    @Test
    void sendsJsonWithAnFp16InputAsRawContents() {
        ModelInferRequest request = Tensors.fromJson(body("""
                {"inputs": [{"name": "h", "datatype": "FP16", "shape": [2], "data": [1.5, -0.25]},
                            {"name": "s", "datatype": "BYTES", "shape": [1], "data": ["ok"]}]}"""), ByteString.EMPTY);

        assertThat(request.getRawInputContentsCount()).isEqualTo(2);
        ByteBuffer halves = request.getRawInputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(Float.float16ToFloat(halves.getShort(0))).isEqualTo(1.5f);
        assertThat(Float.float16ToFloat(halves.getShort(2))).isEqualTo(-0.25f);
        assertThat(request.getRawInputContents(1).toByteArray()).containsExactly(2, 0, 0, 0, 'o', 'k');
        assertThat(request.getInputs(0).hasContents()).isFalse();
    }

    /** Binary inputs take their bytes in order; a JSON input beside them is written raw too. */
    @Test
    void readsTheBinaryTensorExtension() {
        ByteBuffer binary = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2);
        ModelInferRequest request = Tensors.fromJson(body("""
                {"inputs": [{"name": "f", "datatype": "FP32", "shape": [2], "parameters": {"binary_data_size": 8}},
                            {"name": "i", "datatype": "INT32", "shape": [1], "data": [5]}],
                 "outputs": [{"name": "p", "parameters": {"binary_data": true}}],
                 "parameters": {"binary_data_output": true}}"""), ByteString.copyFrom(binary.array()));

        assertThat(request.getRawInputContents(0)).isEqualTo(ByteString.copyFrom(binary.array()));
        assertThat(request.getRawInputContents(1).toByteArray()).containsExactly(5, 0, 0, 0);
        assertThat(request.getInputs(0).getParametersMap()).doesNotContainKey("binary_data_size");
        assertThat(request.getOutputs(0).getParametersMap()).doesNotContainKey("binary_data");
        assertThat(request.getParametersMap()).doesNotContainKey("binary_data_output");
        assertThatThrownBy(() -> Tensors.fromJson(body("""
                {"inputs": [{"name": "f", "datatype": "FP32", "shape": [2], "parameters": {"binary_data_size": 12}}]}"""),
                ByteString.copyFrom(binary.array())))
                .isInstanceOf(InvalidTensorsException.class)
                .hasMessageContaining("inputs[0].parameters.binary_data_size");
        assertThatThrownBy(() -> Tensors.fromJson(body("""
                {"inputs": [{"name": "f", "datatype": "FP32", "shape": [1], "parameters": {"binary_data_size": 4}}]}"""),
                ByteString.copyFrom(binary.array())))
                .isInstanceOf(InvalidTensorsException.class).hasMessageContaining("4 bytes of binary data");
    }

    /** Outputs asked for in binary announce their size and come raw after the JSON; the others stay JSON. */
    @Test
    void writesTheOutputsAskedForInBinary() {
        ModelInferResponse response = ModelInferResponse.newBuilder().setModelName("m").setModelVersion("1")
                .addOutputs(output("p", "FP32", InferTensorContents.newBuilder().addFp32Contents(0.25f)))
                .addOutputs(output("l", "BYTES", InferTensorContents.newBuilder().addBytesContents(ByteString.copyFromUtf8("yes"))))
                .build();

        Tensors.JsonAnswer answer = Tensors.toJson(response, body("""
                {"inputs": [], "outputs": [{"name": "p", "parameters": {"binary_data": true}}, {"name": "l"}]}"""));

        assertThat(answer.json().outputs().get(0).parameters()).containsEntry("binary_data_size", 4);
        assertThat(answer.json().outputs().get(0).data()).isNull();
        assertThat(answer.json().outputs().get(1).data()).containsExactly("yes");
        assertThat(answer.binary().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getFloat()).isEqualTo(0.25f);
    }

    @Test
    void writesTypedAnswersAsJsonWithBytesAsStringsAndUnsignedAsUnsigned() {
        ModelInferResponse response = ModelInferResponse.newBuilder().setModelName("m").setModelVersion("1")
                .addOutputs(output("p", "FP32", InferTensorContents.newBuilder().addFp32Contents(0.25f)))
                .addOutputs(output("l", "BYTES", InferTensorContents.newBuilder().addBytesContents(ByteString.copyFromUtf8("yes"))))
                .addOutputs(output("u", "UINT32", InferTensorContents.newBuilder().addUintContents(-1)))
                .addOutputs(output("w", "UINT64", InferTensorContents.newBuilder().addUint64Contents(-1L)))
                .build();

        KServeJson.InferenceResponse json = Tensors.toJson(response, body("{}")).json();

        assertThat(json.modelName()).isEqualTo("m");
        assertThat(json.id()).isNull();
        assertThat(json.outputs().get(0).data()).containsExactly(0.25f);
        assertThat(json.outputs().get(1).data()).containsExactly("yes");
        assertThat(json.outputs().get(2).data()).containsExactly(4294967295L);
        assertThat(json.outputs().get(3).data()).containsExactly(new BigInteger("18446744073709551615"));
    }

    @Test
    void readsRawAnswersIncludingLengthPrefixedBytes() {
        byte[] yes = "yes".getBytes(StandardCharsets.UTF_8);
        ByteBuffer labels = ByteBuffer.allocate(4 + yes.length + 4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(yes.length).put(yes).putInt(0);
        ByteBuffer counts = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(7).putLong(-3);
        ByteBuffer halves = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putShort(Float.floatToFloat16(0.5f)).putShort(Float.floatToFloat16(-2f));
        ModelInferResponse response = ModelInferResponse.newBuilder()
                .addOutputs(output("l", "BYTES", InferTensorContents.newBuilder()))
                .addOutputs(output("c", "INT64", InferTensorContents.newBuilder()))
                .addOutputs(output("h", "FP16", InferTensorContents.newBuilder()))
                .addRawOutputContents(ByteString.copyFrom(labels.array()))
                .addRawOutputContents(ByteString.copyFrom(counts.array()))
                .addRawOutputContents(ByteString.copyFrom(halves.array()))
                .build();

        KServeJson.InferenceResponse json = Tensors.toJson(response, body("{}")).json();

        assertThat(json.outputs().get(0).data()).containsExactly("yes", "");
        assertThat(json.outputs().get(1).data()).containsExactly(7L, -3L);
        assertThat(json.outputs().get(2).data()).containsExactly(0.5f, -2f);
    }

    private static InferOutputTensor output(String name, String datatype, InferTensorContents.Builder contents) {
        return InferOutputTensor.newBuilder().setName(name).setDatatype(datatype)
                .setContents(contents).build();
    }

    private static List<FieldError> errors(String json) {
        try {
            Tensors.fromJson(body(json), ByteString.EMPTY);
        } catch (InvalidTensorsException e) {
            return e.errors();
        }
        throw new AssertionError("expected invalid tensors");
    }

    private static KServeJson.InferenceRequest body(String json) {
        try {
            return JSON.readValue(json, KServeJson.InferenceRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
