package dev.modelyard.modelserver.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import dev.modelyard.modelserver.ModelServerException;
import dev.modelyard.protocols.kserve.DataType;
import dev.modelyard.protocols.kserve.ModelConfig;
import dev.modelyard.protocols.kserve.ModelDynamicBatching;
import dev.modelyard.protocols.kserve.ModelInput;
import dev.modelyard.protocols.kserve.ModelOutput;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

/**
 * A model as it is served: its effective configuration, its signature, the loaded versions and, when the
 * configuration asks for dynamic batching, one {@link DynamicBatcher} per version. Immutable; a reload builds
 * a new one, so requests that resolved this one keep a consistent view.
 */
public final class LoadedModel {

    /** What ModelMetadata reports as the platform, as Triton does for ONNX Runtime models. */
    public static final String PLATFORM = "onnxruntime_onnx";

    private final ModelConfig config;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final NavigableMap<Long, ModelVersion> versions;
    private final Map<Long, DynamicBatcher> batchers;

    private LoadedModel(ModelConfig config, List<TensorSpec> inputs, List<TensorSpec> outputs,
                        NavigableMap<Long, ModelVersion> versions) {
        this.config = config;
        this.inputs = inputs;
        this.outputs = outputs;
        this.versions = versions;
        Optional<DynamicBatcher.Settings> batching = batching(config);
        Map<Long, DynamicBatcher> perVersion = new HashMap<>();
        List<String> outputNames = outputs.stream().map(TensorSpec::name).toList();
        batching.ifPresent(settings -> versions.forEach((number, version) ->
                perVersion.put(number, new DynamicBatcher(version, outputNames, settings))));
        this.batchers = Map.copyOf(perVersion);
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
                    .map(input -> spec(config, input.getName(), input.getDataType(),
                            input.hasReshape() ? input.getReshape().getShapeList() : input.getDimsList())).toList();
            List<TensorSpec> outputs = effective.getOutputList().stream()
                    .map(output -> spec(config, output.getName(), output.getDataType(),
                            output.hasReshape() ? output.getReshape().getShapeList() : output.getDimsList())).toList();
            for (TensorSpec input : inputs) {
                if (!input.datatype().feedable()) {
                    throw ModelServerException.invalid("model '" + config.getName() + "': input '" + input.name()
                            + "' is " + input.datatype() + ", and ONNX Runtime's Java binding creates no unsigned"
                            + " integer tensors wider than 8 bits (outputs of that type are served)");
                }
            }
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
            DynamicBatcher batcher = batchSize > 0 ? batchers.get(version.version()) : null;
            Optional<DynamicBatcher.Share> share = batcher == null ? Optional.empty()
                    : batcher.submit(request.inputs(), batchSize);
            List<Tensor> results;
            if (share.isPresent()) {
                results = outputNames.stream().map(name -> share.get().outputs().stream()
                        .filter(output -> output.name().equals(name)).findFirst().orElseThrow()).toList();
                version.statistics().recordSuccess(batchSize, System.nanoTime() - started, share.get().queueNanos(),
                        share.get().times());
            } else {
                ModelVersion.Execution execution = version.run(request.inputs(), outputNames, batchSize);
                results = execution.outputs();
                version.statistics().recordSuccess(batchSize, System.nanoTime() - started, 0, execution.times());
            }
            return new InferenceResponse(name(), Long.toString(version.version()), request.id(), results);
        } catch (RuntimeException e) {
            version.statistics().recordFailure(System.nanoTime() - started);
            throw e;
        }
    }

    /** Stops this model's batchers once a reload or unload replaced it; requests they queued still run. */
    public void stopBatching() {
        batchers.values().forEach(DynamicBatcher::close);
    }

    /** The dynamic batching the configuration asks for; none without {@code max_batch_size}. */
    private static Optional<DynamicBatcher.Settings> batching(ModelConfig config) {
        if (!config.hasDynamicBatching() || config.getMaxBatchSize() <= 0) {
            return Optional.empty();
        }
        ModelDynamicBatching batching = config.getDynamicBatching();
        for (int preferred : batching.getPreferredBatchSizeList()) {
            if (preferred <= 0 || preferred > config.getMaxBatchSize()) {
                throw ModelServerException.invalid("model '" + config.getName() + "': preferred_batch_size " + preferred
                        + " must lie between 1 and max_batch_size " + config.getMaxBatchSize());
            }
        }
        int instances = config.getInstanceGroupList().stream().mapToInt(group -> Math.max(1, group.getCount())).sum();
        return Optional.of(new DynamicBatcher.Settings(config.getMaxBatchSize(),
                new TreeSet<>(batching.getPreferredBatchSizeList()),
                TimeUnit.MICROSECONDS.toNanos(batching.getMaxQueueDelayMicroseconds()), Math.max(1, instances)));
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
            OptionalInt outOfRange = tensor.firstValueOutOfRange();
            if (outOfRange.isPresent()) {
                throw ModelServerException.invalid("input '" + spec.name() + "' is " + spec.datatype()
                        + ", which cannot hold its value " + outOfRange.getAsInt() + " ("
                        + Array.get(tensor.values(), outOfRange.getAsInt()) + ")");
            }
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
                KServeDataType datatype = KServeDataType.of(info.onnxType).orElseThrow(() -> ModelServerException.invalid(
                        "model '" + config.getName() + "': tensor '" + name + "' has the unsupported type " + info.onnxType));
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
            if (info.onnxType != spec.datatype().onnxType() || info.getShape().length != spec.shape().length) {
                throw ModelServerException.invalid(where + " is " + spec.datatype() + " "
                        + Tensor.formatShape(spec.shape()) + " in the configuration but " + info.onnxType + " "
                        + Tensor.formatShape(info.getShape()) + " in the ONNX graph");
            }
        }
    }
}
