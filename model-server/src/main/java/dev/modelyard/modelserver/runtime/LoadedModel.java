package dev.modelyard.modelserver.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import dev.modelyard.modelserver.ModelServerException;
import dev.modelyard.protocols.kserve.DataType;
import dev.modelyard.protocols.kserve.ModelConfig;
import dev.modelyard.protocols.kserve.ModelInput;
import dev.modelyard.protocols.kserve.ModelOutput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * A model as it is served: its effective configuration, its signature and the loaded versions. Immutable;
 * a reload builds a new one, so requests that resolved this one keep a consistent view.
 */
public final class LoadedModel {

    /** What ModelMetadata reports as the platform, as Triton does for ONNX Runtime models. */
    public static final String PLATFORM = "onnxruntime_onnx";

    private final ModelConfig config;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final NavigableMap<Long, ModelVersion> versions;

    private LoadedModel(ModelConfig config, List<TensorSpec> inputs, List<TensorSpec> outputs,
                        NavigableMap<Long, ModelVersion> versions) {
        this.config = config;
        this.inputs = inputs;
        this.outputs = outputs;
        this.versions = versions;
    }

    /**
     * Checks the configuration against every version's ONNX graph. Like Triton, inputs or outputs the
     * configuration leaves out entirely are completed from the highest version's graph.
     */
    public static LoadedModel of(ModelConfig config, Map<Long, ModelVersion> versions) {
        NavigableMap<Long, ModelVersion> sorted = Collections.unmodifiableNavigableMap(new TreeMap<>(versions));
        ModelVersion highest = sorted.lastEntry().getValue();
        try {
            ModelConfig.Builder effective = config.toBuilder();
            if (config.getInputCount() == 0) {
                completedSpecs(config, highest.inputInfo()).forEach(spec -> effective.addInput(ModelInput.newBuilder()
                        .setName(spec.name()).setDataType(spec.datatype().configType()).addAllDims(dims(config, spec))));
            }
            if (config.getOutputCount() == 0) {
                completedSpecs(config, highest.outputInfo()).forEach(spec -> effective.addOutput(ModelOutput.newBuilder()
                        .setName(spec.name()).setDataType(spec.datatype().configType()).addAllDims(dims(config, spec))));
            }
            List<TensorSpec> inputs = effective.getInputList().stream()
                    .map(input -> spec(config, input.getName(), input.getDataType(), input.getDimsList())).toList();
            List<TensorSpec> outputs = effective.getOutputList().stream()
                    .map(output -> spec(config, output.getName(), output.getDataType(), output.getDimsList())).toList();
            for (ModelVersion version : sorted.values()) {
                checkAgainstGraph(config.getName(), version, "input", inputs, version.inputInfo());
                checkAgainstGraph(config.getName(), version, "output", outputs, version.outputInfo());
            }
            return new LoadedModel(effective.build(), inputs, outputs, sorted);
        } catch (OrtException e) {
            throw ModelServerException.invalid("model '" + config.getName() + "': cannot read the ONNX graph: "
                    + e.getMessage());
        }
    }

    public String name() {
        return config.getName();
    }

    public ModelConfig config() {
        return config;
    }

    public List<TensorSpec> inputs() {
        return inputs;
    }

    public List<TensorSpec> outputs() {
        return outputs;
    }

    public Collection<ModelVersion> versions() {
        return versions.values();
    }

    public Optional<ModelVersion> loadedVersion(long version) {
        return Optional.ofNullable(versions.get(version));
    }

    /** The requested version, or the highest loaded one for an empty string. */
    public Optional<ModelVersion> findVersion(String requested) {
        if (requested == null || requested.isEmpty()) {
            return Optional.of(versions.lastEntry().getValue());
        }
        try {
            return loadedVersion(Long.parseLong(requested));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    public ModelVersion version(String requested) {
        return findVersion(requested).orElseThrow(() -> ModelServerException.notFound("model '" + name()
                + "' has no loaded version '" + requested + "'; loaded versions: " + versions.keySet()));
    }

    public InferenceResponse infer(InferenceRequest request) {
        ModelVersion version = version(request.modelVersion());
        long started = System.nanoTime();
        try {
            long batchSize = validateInputs(request.inputs());
            List<String> outputNames = outputNames(request.requestedOutputs());
            List<Tensor> results = version.run(request.inputs(), outputNames);
            version.statistics().recordSuccess(batchSize, System.nanoTime() - started);
            return new InferenceResponse(name(), Long.toString(version.version()), request.id(), results);
        } catch (RuntimeException e) {
            version.statistics().recordFailure(System.nanoTime() - started);
            throw e;
        }
    }

    /** The signature as error messages quote it. */
    private String signature() {
        return "inputs " + inputs;
    }

    /** Checks names, datatypes, shapes and value counts; returns the batch size (1 without batching). */
    private long validateInputs(List<Tensor> tensors) {
        Map<String, Tensor> byName = new HashMap<>();
        for (Tensor tensor : tensors) {
            if (byName.put(tensor.name(), tensor) != null) {
                throw ModelServerException.invalid("input '" + tensor.name() + "' is given twice");
            }
        }
        for (TensorSpec spec : inputs) {
            Tensor tensor = byName.remove(spec.name());
            if (tensor == null) {
                throw ModelServerException.invalid("model '" + name() + "' expects " + signature()
                        + "; input '" + spec.name() + "' is missing");
            }
            if (tensor.datatype() != spec.datatype() || !spec.accepts(tensor.shape())) {
                throw ModelServerException.invalid("input '" + spec.name() + "' of model '" + name() + "' must be "
                        + spec.datatype() + " " + Tensor.formatShape(spec.shape()) + ", got " + tensor.datatype()
                        + " " + Tensor.formatShape(tensor.shape()) + " (model expects " + signature() + ")");
            }
            long expectedValues = Tensor.elementCount(tensor.shape());
            if (expectedValues != tensor.valueCount()) {
                throw ModelServerException.invalid("input '" + spec.name() + "' has shape "
                        + Tensor.formatShape(tensor.shape()) + " (" + expectedValues + " values) but "
                        + tensor.valueCount() + " values were sent");
            }
        }
        if (!byName.isEmpty()) {
            throw ModelServerException.invalid("model '" + name() + "' has no input '" + byName.keySet().iterator().next()
                    + "'; it expects " + signature());
        }
        if (config.getMaxBatchSize() <= 0 || tensors.isEmpty()) {
            return 1;
        }
        long batchSize = tensors.getFirst().shape()[0];
        if (batchSize > config.getMaxBatchSize()) {
            throw ModelServerException.invalid("batch size " + batchSize + " exceeds the max_batch_size "
                    + config.getMaxBatchSize() + " of model '" + name() + "'");
        }
        return batchSize;
    }

    private List<String> outputNames(List<String> requested) {
        List<String> names = outputs.stream().map(TensorSpec::name).toList();
        if (requested.isEmpty()) {
            return names;
        }
        for (String name : requested) {
            if (!names.contains(name)) {
                throw ModelServerException.invalid("model '" + name() + "' has no output '" + name
                        + "'; its outputs are " + outputs);
            }
        }
        return requested;
    }

    /** The full shape a request sees: the batch dimension (-1) first when the model batches. */
    private static TensorSpec spec(ModelConfig config, String name, DataType type, List<Long> dims) {
        KServeDataType datatype = KServeDataType.of(type).orElseThrow(() -> ModelServerException.invalid(
                "model '" + config.getName() + "': tensor '" + name + "' has the unsupported data_type " + type));
        LongStream batch = config.getMaxBatchSize() > 0 ? LongStream.of(-1) : LongStream.empty();
        long[] shape = LongStream.concat(batch, dims.stream().mapToLong(Long::longValue)).toArray();
        return new TensorSpec(name, datatype, shape);
    }

    private static List<TensorSpec> completedSpecs(ModelConfig config, Map<String, NodeInfo> graph) {
        List<TensorSpec> specs = new ArrayList<>();
        graph.forEach((name, node) -> {
            if (node.getInfo() instanceof TensorInfo info) {
                KServeDataType datatype = KServeDataType.of(info.type).orElseThrow(() -> ModelServerException.invalid(
                        "model '" + config.getName() + "': tensor '" + name + "' has the unsupported type " + info.type));
                specs.add(new TensorSpec(name, datatype, info.getShape()));
            }
        });
        return specs;
    }

    /** A completed spec's dims for the config: without the batch dimension when the model batches. */
    private static List<Long> dims(ModelConfig config, TensorSpec spec) {
        long[] shape = spec.shape();
        int first = config.getMaxBatchSize() > 0 && shape.length > 0 ? 1 : 0;
        return Arrays.stream(shape, first, shape.length).boxed().toList();
    }

    private static void checkAgainstGraph(String model, ModelVersion version, String kind, List<TensorSpec> specs,
                                          Map<String, NodeInfo> graph) {
        for (TensorSpec spec : specs) {
            NodeInfo node = graph.get(spec.name());
            String where = "model '" + model + "' version " + version.version() + ": " + kind + " '" + spec.name() + "'";
            if (node == null || !(node.getInfo() instanceof TensorInfo info)) {
                throw ModelServerException.invalid(where + " of the configuration is not a tensor of the ONNX graph,"
                        + " whose " + kind + "s are " + graph.keySet());
            }
            if (info.type != spec.datatype().onnxType() || info.getShape().length != spec.shape().length) {
                throw ModelServerException.invalid(where + " is " + spec.datatype() + " "
                        + Tensor.formatShape(spec.shape()) + " in the configuration but " + info.type + " "
                        + Tensor.formatShape(info.getShape()) + " in the ONNX graph");
            }
        }
    }
}
