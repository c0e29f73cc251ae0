package dev.modelyard.modelserver.grpc;

import com.google.protobuf.ByteString;
import dev.modelyard.modelserver.ModelServerException;
import dev.modelyard.modelserver.runtime.KServeDataType;
import dev.modelyard.modelserver.runtime.RawTensors;
import dev.modelyard.modelserver.runtime.Tensor;
import dev.modelyard.protocols.kserve.InferTensorContents;
import dev.modelyard.protocols.kserve.ModelInferRequest.InferInputTensor;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.protocols.kserve.ModelInferResponse.InferOutputTensor;
import java.util.List;

/**
 * Converts the KServe gRPC tensor messages: inputs from typed {@code contents} or from
 * {@code raw_input_contents} ({@link RawTensors}), outputs into typed contents, or into
 * {@code raw_output_contents} for every output when one of them has no typed field (FP16), as the
 * protocol asks.
 */
final class GrpcTensors {

    private GrpcTensors() {
    }

    /** @param raw the input's raw_input_contents entry, or null when the request uses typed contents */
    static Tensor fromInput(InferInputTensor input, ByteString raw) {
        KServeDataType datatype = KServeDataType.named(input.getDatatype()).orElseThrow(() -> ModelServerException.invalid(
                "input '" + input.getName() + "' has the unsupported datatype '" + input.getDatatype() + "'"));
        long[] shape = input.getShapeList().stream().mapToLong(Long::longValue).toArray();
        Object values = raw == null ? fromContents(input.getName(), datatype, input.getContents())
                : RawTensors.decode(input.getName(), datatype, raw.asReadOnlyByteBuffer());
        return new Tensor(input.getName(), datatype, shape, values);
    }

    /** Adds the outputs to a response: typed contents, or raw contents for all when one cannot be typed. */
    static void addOutputs(ModelInferResponse.Builder response, List<Tensor> outputs) {
        boolean raw = outputs.stream().anyMatch(output -> output.datatype() == KServeDataType.FP16);
        for (Tensor tensor : outputs) {
            InferOutputTensor.Builder output = InferOutputTensor.newBuilder()
                    .setName(tensor.name()).setDatatype(tensor.datatype().name());
            for (long dimension : tensor.shape()) {
                output.addShape(dimension);
            }
            if (raw) {
                response.addRawOutputContents(ByteString.copyFrom(RawTensors.encode(tensor)));
            } else {
                output.setContents(contents(tensor));
            }
            response.addOutputs(output);
        }
    }

    private static InferTensorContents contents(Tensor tensor) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        switch (tensor.datatype()) {
            case BOOL -> {
                for (boolean value : (boolean[]) tensor.values()) {
                    contents.addBoolContents(value);
                }
            }
            case UINT8, UINT16 -> {
                for (int value : (int[]) tensor.values()) {
                    contents.addUintContents(value);
                }
            }
            case UINT32 -> {
                for (long value : (long[]) tensor.values()) {
                    contents.addUintContents((int) value);
                }
            }
            case UINT64 -> {
                for (long value : (long[]) tensor.values()) {
                    contents.addUint64Contents(value);
                }
            }
            case INT8, INT16, INT32 -> {
                for (int value : (int[]) tensor.values()) {
                    contents.addIntContents(value);
                }
            }
            case INT64 -> {
                for (long value : (long[]) tensor.values()) {
                    contents.addInt64Contents(value);
                }
            }
            case FP32 -> {
                for (float value : (float[]) tensor.values()) {
                    contents.addFp32Contents(value);
                }
            }
            case FP64 -> {
                for (double value : (double[]) tensor.values()) {
                    contents.addFp64Contents(value);
                }
            }
            case BYTES -> {
                for (byte[] value : (byte[][]) tensor.values()) {
                    contents.addBytesContents(ByteString.copyFrom(value));
                }
            }
            case FP16 -> throw new IllegalStateException("FP16 has no typed contents; it travels raw");
        }
        return contents.build();
    }

    private static Object fromContents(String name, KServeDataType datatype, InferTensorContents contents) {
        return switch (datatype) {
            case BOOL -> {
                List<Boolean> list = contents.getBoolContentsList();
                boolean[] values = new boolean[list.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = list.get(i);
                }
                yield values;
            }
            case UINT8, UINT16 -> contents.getUintContentsList().stream().mapToInt(Integer::intValue).toArray();
            case UINT32 -> contents.getUintContentsList().stream().mapToLong(Integer::toUnsignedLong).toArray();
            case UINT64 -> contents.getUint64ContentsList().stream().mapToLong(Long::longValue).toArray();
            case INT8, INT16, INT32 -> contents.getIntContentsList().stream().mapToInt(Integer::intValue).toArray();
            case INT64 -> contents.getInt64ContentsList().stream().mapToLong(Long::longValue).toArray();
            case FP32 -> {
                List<Float> list = contents.getFp32ContentsList();
                float[] values = new float[list.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = list.get(i);
                }
                yield values;
            }
            case FP64 -> contents.getFp64ContentsList().stream().mapToDouble(Double::doubleValue).toArray();
            case BYTES -> contents.getBytesContentsList().stream().map(ByteString::toByteArray).toArray(byte[][]::new);
            case FP16 -> throw ModelServerException.invalid("input '" + name
                    + "' is FP16, which has no typed contents; send it in raw_input_contents");
        };
    }
}
