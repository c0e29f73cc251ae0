package dev.modelyard.modelserver.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.modelyard.modelserver.ModelServerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One loaded version of a model: its ONNX Runtime session and statistics. Requests run under a read lock and
 * {@link #close()} takes the write lock, so a version unloaded or replaced while requests run is closed only
 * once they finished; a request arriving after that gets UNAVAILABLE instead of a closed native session.
 */
public final class ModelVersion implements AutoCloseable {

    /** Identifies the model file's content well enough to reuse a session when a model is reloaded. */
    public record ModelFile(Path path, long size, FileTime lastModified) {

        public static ModelFile of(Path path) throws IOException {
            return new ModelFile(path, Files.size(path), Files.getLastModifiedTime(path));
        }
    }

    private final String modelName;
    private final long version;
    private final ModelFile file;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final InferenceStatistics statistics = new InferenceStatistics();
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private ModelVersion(String modelName, long version, ModelFile file, OrtEnvironment environment, OrtSession session) {
        this.modelName = modelName;
        this.version = version;
        this.file = file;
        this.environment = environment;
        this.session = session;
    }

    public static ModelVersion open(String modelName, long version, ModelFile file, OrtEnvironment environment,
                                    int intraOpThreads) {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            return new ModelVersion(modelName, version, file, environment,
                    environment.createSession(file.path().toString(), options));
        } catch (OrtException e) {
            throw ModelServerException.invalid("model '" + modelName + "' version " + version
                    + ": ONNX Runtime cannot load " + file.path().getFileName() + ": " + e.getMessage());
        }
    }

    public String modelName() {
        return modelName;
    }

    public long version() {
        return version;
    }

    public ModelFile file() {
        return file;
    }

    public InferenceStatistics statistics() {
        return statistics;
    }

    Map<String, NodeInfo> inputInfo() throws OrtException {
        return session.getInputInfo();
    }

    Map<String, NodeInfo> outputInfo() throws OrtException {
        return session.getOutputInfo();
    }

    /** The outputs of one execution, in the order asked for, and what the execution took. */
    record Execution(List<Tensor> outputs, InferenceStatistics.ComputeTimes times) {
    }

    /**
     * Runs the session on validated inputs holding {@code batchSize} rows, returns the named outputs in that
     * order and counts the execution in the statistics.
     */
    Execution run(List<Tensor> inputs, List<String> outputNames, long batchSize) {
        lifecycle.readLock().lock();
        Map<String, OnnxTensor> onnxInputs = new LinkedHashMap<>();
        try {
            if (closed) {
                throw new ModelServerException(ModelServerException.Kind.UNAVAILABLE,
                        "model '" + modelName + "' version " + version + " was unloaded while the request was served");
            }
            long started = System.nanoTime();
            for (Tensor input : inputs) {
                onnxInputs.put(input.name(), OnnxTensors.toOnnx(environment, input));
            }
            long converted = System.nanoTime();
            try (OrtSession.Result result = session.run(onnxInputs, new LinkedHashSet<>(outputNames))) {
                long ran = System.nanoTime();
                List<Tensor> outputs = new ArrayList<>(outputNames.size());
                for (String name : outputNames) {
                    OnnxValue value = result.get(name).orElseThrow();
                    outputs.add(OnnxTensors.fromOnnx(name, (OnnxTensor) value));
                }
                InferenceStatistics.ComputeTimes times = new InferenceStatistics.ComputeTimes(converted - started,
                        ran - converted, System.nanoTime() - ran);
                statistics.recordExecution(batchSize, times);
                return new Execution(outputs, times);
            }
        } catch (OrtException e) {
            throw ModelServerException.invalid("model '" + modelName + "' version " + version
                    + " failed to run: " + e.getMessage());
        } finally {
            onnxInputs.values().forEach(OnnxTensor::close);
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                session.close();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("closing model '" + modelName + "' version " + version, e);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
