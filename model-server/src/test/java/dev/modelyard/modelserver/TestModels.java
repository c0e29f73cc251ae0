package dev.modelyard.modelserver;

import com.google.protobuf.ByteString;
import dev.modelyard.protocols.onnx.Onnx.AttributeProto;
import dev.modelyard.protocols.onnx.Onnx.GraphProto;
import dev.modelyard.protocols.onnx.Onnx.ModelProto;
import dev.modelyard.protocols.onnx.Onnx.NodeProto;
import dev.modelyard.protocols.onnx.Onnx.OperatorSetIdProto;
import dev.modelyard.protocols.onnx.Onnx.TensorProto;
import dev.modelyard.protocols.onnx.Onnx.TensorShapeProto;
import dev.modelyard.protocols.onnx.Onnx.TypeProto;
import dev.modelyard.protocols.onnx.Onnx.ValueInfoProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Tiny ONNX models written into a Triton-layout repository, with results a test can compute by hand. */
public final class TestModels {

    /** features [1, 2, 3] → logits [4, 5] with {@link #CLASSIFIER_V1_WEIGHTS}, [5, 4] with version 2's. */
    public static final float[] CLASSIFIER_V1_WEIGHTS = {1, 0, 0, 1, 1, 1};
    public static final float[] CLASSIFIER_V2_WEIGHTS = {0, 1, 1, 0, 1, 1};

    /** Batches up to 8 rows of 3 features into class probabilities and the label of the likelier class. */
    public static final String CLASSIFIER_CONFIG = """
            backend: "onnxruntime"
            max_batch_size: 8
            input [ { name: "features" data_type: TYPE_FP32 dims: [ 3 ] } ]
            output [
              { name: "probabilities" data_type: TYPE_FP32 dims: [ 2 ] },
              { name: "label" data_type: TYPE_STRING dims: [ ] }
            ]
            """;

    private TestModels() {
    }

    /** features FP32 [N,3] → MatMul(weights [3,2]) → Softmax → probabilities; ArgMax → Gather(["no","yes"]) → label. */
    public static byte[] classifier(float[] weights) {
        TensorProto weightTensor = TensorProto.newBuilder().setName("weights").addDims(3).addDims(2)
                .setDataType(TensorProto.DataType.FLOAT_VALUE).addAllFloatData(boxed(weights)).build();
        TensorProto classes = TensorProto.newBuilder().setName("classes").addDims(2)
                .setDataType(TensorProto.DataType.STRING_VALUE)
                .addStringData(ByteString.copyFromUtf8("no")).addStringData(ByteString.copyFromUtf8("yes")).build();
        GraphProto graph = GraphProto.newBuilder().setName("classifier")
                .addInitializer(weightTensor).addInitializer(classes)
                .addInput(tensor("features", TensorProto.DataType.FLOAT, "N", 3))
                .addNode(node("MatMul", "features", "weights", "logits"))
                .addNode(node("Softmax", "logits", null, "probabilities").toBuilder().addAttribute(intAttribute("axis", 1)))
                .addNode(node("ArgMax", "logits", null, "class_index").toBuilder()
                        .addAttribute(intAttribute("axis", 1)).addAttribute(intAttribute("keepdims", 0)))
                .addNode(node("Gather", "classes", "class_index", "label").toBuilder().addAttribute(intAttribute("axis", 0)))
                .addOutput(tensor("probabilities", TensorProto.DataType.FLOAT, "N", 2))
                .addOutput(tensor("label", TensorProto.DataType.STRING, "N"))
                .build();
        return model(graph);
    }

    /** One Identity per datatype, inputs {@code <type>_in} to outputs {@code <type>_out}, each of any length. */
    public static byte[] echo() {
        GraphProto.Builder graph = GraphProto.newBuilder().setName("echo");
        for (TensorProto.DataType type : new TensorProto.DataType[] {TensorProto.DataType.DOUBLE,
                TensorProto.DataType.INT32, TensorProto.DataType.INT64, TensorProto.DataType.BOOL,
                TensorProto.DataType.STRING}) {
            String name = type.name().toLowerCase();
            graph.addInput(tensor(name + "_in", type, "N"))
                    .addNode(node("Identity", name + "_in", null, name + "_out"))
                    .addOutput(tensor(name + "_out", type, "N"));
        }
        return model(graph.build());
    }

    /**
     * Types ONNX Runtime's Java binding cannot feed but serves: {@code small} UINT8 [N] comes back as itself and
     * cast to UINT16, UINT32 and UINT64 ({@code small_out}, {@code wide16}, {@code wide32}, {@code wide64});
     * {@code half} FP16 [N] comes back as {@code half_out}.
     */
    public static byte[] unsigned() {
        GraphProto.Builder graph = GraphProto.newBuilder().setName("unsigned")
                .addInput(tensor("small", TensorProto.DataType.UINT8, "N"))
                .addInput(tensor("half", TensorProto.DataType.FLOAT16, "N"))
                .addNode(node("Identity", "small", null, "small_out"))
                .addNode(node("Identity", "half", null, "half_out"))
                .addOutput(tensor("small_out", TensorProto.DataType.UINT8, "N"))
                .addOutput(tensor("half_out", TensorProto.DataType.FLOAT16, "N"));
        for (TensorProto.DataType wide : new TensorProto.DataType[] {TensorProto.DataType.UINT16,
                TensorProto.DataType.UINT32, TensorProto.DataType.UINT64}) {
            String name = "wide" + wide.name().substring(4);
            graph.addNode(node("Cast", "small", null, name).toBuilder().addAttribute(intAttribute("to", wide.getNumber())))
                    .addOutput(tensor(name, wide, "N"));
        }
        return model(graph.build());
    }

    /** A UINT32 input, which ONNX Runtime's Java binding cannot create: loading must refuse it. */
    public static byte[] unsignedInput() {
        return model(GraphProto.newBuilder().setName("unsigned-input")
                .addInput(tensor("counts", TensorProto.DataType.UINT32, "N"))
                .addNode(node("Identity", "counts", null, "same"))
                .addOutput(tensor("same", TensorProto.DataType.UINT32, "N")).build());
    }

    public static void write(Path repository, String model, String config, long version, byte[] onnx) {
        try {
            Path folder = Files.createDirectories(repository.resolve(model).resolve(Long.toString(version)));
            Files.write(folder.resolve("model.onnx"), onnx);
            Files.writeString(repository.resolve(model).resolve("config.pbtxt"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] model(GraphProto graph) {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("modelyard-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build().toByteArray();
    }

    private static NodeProto node(String op, String input, String secondInput, String output) {
        NodeProto.Builder node = NodeProto.newBuilder().setOpType(op).setName(output).addInput(input).addOutput(output);
        if (secondInput != null) {
            node.addInput(secondInput);
        }
        return node.build();
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    /** A tensor whose first dimension is symbolic (any size) and whose other dimensions are fixed. */
    private static ValueInfoProto tensor(String name, TensorProto.DataType type, String firstDimension, long... dimensions) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(firstDimension));
        for (long dimension : dimensions) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(dimension));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }

    private static Iterable<Float> boxed(float[] values) {
        List<Float> boxed = new ArrayList<>();
        for (float value : values) {
            boxed.add(value);
        }
        return boxed;
    }
}
