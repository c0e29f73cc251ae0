package dev.modelyard.modelserver.repository;

import ai.onnxruntime.OrtEnvironment;
import dev.modelyard.modelserver.ModelServerException;
import dev.modelyard.modelserver.runtime.InferenceRequest;
import dev.modelyard.modelserver.runtime.InferenceResponse;
import dev.modelyard.modelserver.runtime.LoadedModel;
import dev.modelyard.modelserver.runtime.ModelVersion;
import dev.modelyard.modelserver.runtime.ModelVersion.ModelFile;
import dev.modelyard.protocols.kserve.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The models of a Triton-layout repository folder and which of them are loaded. Loads and unloads are
 * serialised; requests read an immutable map of loaded models that each change replaces, so they never wait
 * for a load and never see a half-loaded model. Sessions a change drops are closed after the swap, once the
 * requests still running on them finished ({@link ModelVersion#close()}).
 */
public final class ModelRepository implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ModelRepository.class);

    private final Path root;
    private final OrtEnvironment environment;
    private final int intraOpThreads;
    private volatile Map<String, LoadedModel> loaded = Map.of();
    /** Why a model folder serves nothing: the last failed load, or an unload. Guarded by {@code this}. */
    private final Map<String, ModelIndexEntry> notServing = new HashMap<>();

    public ModelRepository(Path root, OrtEnvironment environment, int intraOpThreads) {
        this.root = root;
        this.environment = environment;
        this.intraOpThreads = intraOpThreads;
    }

    /**
     * Loads a model, or reloads it per its current configuration and files: versions the version_policy
     * newly selects are loaded, dropped ones unloaded, unchanged model files keep their sessions. When a
     * reload fails, the versions loaded before keep serving, as in Triton.
     */
    public synchronized void load(String name) {
        ModelFolder folder = folder(name);
        LoadedModel previous = loaded.get(name);
        List<ModelVersion> opened = new ArrayList<>();
        try {
            ModelConfig config = folder.readConfig();
            Map<Long, ModelVersion> versions = new HashMap<>();
            for (long version : folder.selectVersions(config)) {
                ModelFile file = folder.modelFile(config, version);
                Optional<ModelVersion> unchanged = Optional.ofNullable(previous)
                        .flatMap(model -> model.loadedVersion(version))
                        .filter(loadedVersion -> loadedVersion.file().equals(file));
                versions.put(version, unchanged.orElseGet(() -> {
                    ModelVersion fresh = ModelVersion.open(name, version, file, environment, intraOpThreads);
                    opened.add(fresh);
                    return fresh;
                }));
            }
            LoadedModel model = LoadedModel.of(config, versions);
            publish(name, model);
            notServing.remove(name);
            if (previous != null) {
                previous.stopBatching();
                previous.versions().stream()
                        .filter(version -> model.loadedVersion(version.version()).orElse(null) != version)
                        .forEach(ModelVersion::close);
            }
            LOG.infof("Loaded model '%s' versions %s", name, versions.keySet());
        } catch (ModelServerException e) {
            opened.forEach(ModelVersion::close);
            if (previous == null) {
                notServing.put(name, new ModelIndexEntry(name, "", ModelState.UNAVAILABLE, e.getMessage()));
            }
            throw e;
        }
    }

    /** Loads every model folder (model control mode "none"); a model that fails is logged and left out. */
    public void loadAll() {
        for (String name : folderNames()) {
            try {
                load(name);
            } catch (ModelServerException e) {
                LOG.warnf("Model '%s' not loaded: %s", name, e.getMessage());
            }
        }
    }

    public synchronized void unload(String name) {
        LoadedModel model = loaded.get(name);
        if (model == null && !Files.isDirectory(modelPath(name))) {
            throw unknownModel(name);
        }
        if (model != null) {
            Map<String, LoadedModel> remaining = new HashMap<>(loaded);
            remaining.remove(name);
            loaded = Map.copyOf(remaining);
            model.stopBatching();
            model.versions().forEach(ModelVersion::close);
            LOG.infof("Unloaded model '%s'", name);
        }
        notServing.put(name, new ModelIndexEntry(name, "", ModelState.UNLOADED, "unloaded"));
    }

    public Optional<LoadedModel> find(String name) {
        return Optional.ofNullable(loaded.get(name));
    }

    public LoadedModel model(String name) {
        return find(name).orElseThrow(() -> unknownModel(name));
    }

    /** A loaded model whose requested version (empty: any) is loaded; NOT_FOUND otherwise. */
    public LoadedModel model(String name, String version) {
        LoadedModel model = model(name);
        model.version(version);
        return model;
    }

    public boolean isReady(String name, String version) {
        return find(name).flatMap(model -> model.findVersion(version)).isPresent();
    }

    public InferenceResponse infer(InferenceRequest request) {
        return model(request.modelName()).infer(request);
    }

    /**
     * Every model folder and loaded model: one READY entry per loaded version, otherwise one entry saying
     * why the model serves nothing.
     */
    public synchronized List<ModelIndexEntry> index(boolean readyOnly) {
        TreeSet<String> names = new TreeSet<>(folderNames());
        names.addAll(loaded.keySet());
        List<ModelIndexEntry> entries = new ArrayList<>();
        for (String name : names) {
            LoadedModel model = loaded.get(name);
            if (model != null) {
                model.versions().forEach(version -> entries.add(
                        new ModelIndexEntry(name, Long.toString(version.version()), ModelState.READY, "")));
            } else if (!readyOnly) {
                entries.add(notServing.getOrDefault(name, new ModelIndexEntry(name, "", ModelState.UNLOADED, "")));
            }
        }
        return entries;
    }

    /** Statistics of every loaded version, of one model's (empty version) or of one version. */
    public List<VersionStatistics> statistics(String name, String version) {
        List<LoadedModel> models = name.isEmpty() ? List.copyOf(loaded.values()) : List.of(model(name));
        return models.stream()
                .flatMap(model -> version.isEmpty() ? model.versions().stream() : Stream.of(model.version(version)))
                .map(loadedVersion -> new VersionStatistics(loadedVersion.modelName(),
                        Long.toString(loadedVersion.version()), loadedVersion.statistics().snapshot()))
                .toList();
    }

    @Override
    public synchronized void close() {
        Map<String, LoadedModel> closing = loaded;
        loaded = Map.of();
        closing.values().forEach(LoadedModel::stopBatching);
        closing.values().forEach(model -> model.versions().forEach(ModelVersion::close));
    }

    private void publish(String name, LoadedModel model) {
        Map<String, LoadedModel> next = new HashMap<>(loaded);
        next.put(name, model);
        loaded = Map.copyOf(next);
    }

    private ModelFolder folder(String name) {
        Path path = modelPath(name);
        if (!Files.isDirectory(path)) {
            throw ModelServerException.notFound("no model folder '" + name + "' in the model repository");
        }
        return new ModelFolder(name, path);
    }

    /** Model names are single folder names, so a request cannot reach outside the repository. */
    private Path modelPath(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("\\")) {
            throw ModelServerException.invalid("'" + name + "' is not a model name");
        }
        return root.resolve(name);
    }

    private List<String> folderNames() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(root)) {
            return children.filter(Files::isDirectory).map(child -> child.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the model repository " + root, e);
        }
    }

    private static ModelServerException unknownModel(String name) {
        return ModelServerException.notFound("unknown model '" + name + "'");
    }
}
