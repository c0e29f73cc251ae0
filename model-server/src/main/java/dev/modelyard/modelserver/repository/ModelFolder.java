package dev.modelyard.modelserver.repository;

import com.google.protobuf.TextFormat;
import dev.modelyard.modelserver.ModelServerException;
import dev.modelyard.modelserver.runtime.ModelVersion.ModelFile;
import dev.modelyard.protocols.kserve.ModelConfig;
import dev.modelyard.protocols.kserve.ModelVersionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** One model's folder in the Triton layout: {@code config.pbtxt} and one numbered folder per version. */
final class ModelFolder {

    static final String CONFIG_FILE = "config.pbtxt";
    static final String DEFAULT_MODEL_FILE = "model.onnx";
    private static final Set<String> ONNX_BACKENDS = Set.of("", "onnxruntime");
    private static final Set<String> ONNX_PLATFORMS = Set.of("", "onnxruntime_onnx");
    /** Triton ignores version folders that are not numbers or that start with 0. */
    private static final Pattern VERSION_FOLDER = Pattern.compile("[1-9][0-9]{0,17}");

    private final String name;
    private final Path path;

    ModelFolder(String name, Path path) {
        this.name = name;
        this.path = path;
    }

    /** The configuration, named after the folder; a model without config.pbtxt is configured from its graph. */
    ModelConfig readConfig() {
        ModelConfig.Builder config = ModelConfig.newBuilder();
        Path file = path.resolve(CONFIG_FILE);
        if (Files.exists(file)) {
            try {
                TextFormat.Parser.newBuilder().setAllowUnknownFields(true).build().merge(Files.readString(file), config);
            } catch (TextFormat.ParseException e) {
                throw ModelServerException.invalid("model '" + name + "': " + CONFIG_FILE + " is not valid: " + e.getMessage());
            } catch (IOException e) {
                throw ModelServerException.invalid("model '" + name + "': cannot read " + CONFIG_FILE + ": " + e.getMessage());
            }
        }
        if (!config.getName().isEmpty() && !config.getName().equals(name)) {
            throw ModelServerException.invalid("model '" + name + "': " + CONFIG_FILE + " names it '" + config.getName()
                    + "', which must match the folder name");
        }
        if (!ONNX_BACKENDS.contains(config.getBackend()) || !ONNX_PLATFORMS.contains(config.getPlatform())) {
            throw ModelServerException.invalid("model '" + name + "': this server runs ONNX models only (backend "
                    + "\"onnxruntime\"), not backend \"" + config.getBackend() + "\" platform \"" + config.getPlatform() + "\"");
        }
        return config.setName(name).build();
    }

    /** The versions the configuration's version_policy selects among the version folders present. */
    List<Long> selectVersions(ModelConfig config) {
        TreeSet<Long> present = presentVersions();
        ModelVersionPolicy policy = config.getVersionPolicy();
        List<Long> selected = switch (policy.getPolicyChoiceCase()) {
            case ALL -> List.copyOf(present);
            case SPECIFIC -> {
                for (long version : policy.getSpecific().getVersionsList()) {
                    if (!present.contains(version)) {
                        throw ModelServerException.invalid("model '" + name + "': version " + version
                                + " named by version_policy has no folder; present versions: " + present);
                    }
                }
                yield List.copyOf(new TreeSet<>(policy.getSpecific().getVersionsList()));
            }
            case LATEST, POLICYCHOICE_NOT_SET -> {
                int count = Math.max(1, policy.getLatest().getNumVersions());
                yield present.descendingSet().stream().limit(count).sorted().toList();
            }
        };
        if (selected.isEmpty()) {
            throw ModelServerException.invalid("model '" + name + "' has no version folder (<model>/<version>/"
                    + DEFAULT_MODEL_FILE + ")");
        }
        return selected;
    }

    ModelFile modelFile(ModelConfig config, long version) {
        String fileName = config.getDefaultModelFilename().isEmpty() ? DEFAULT_MODEL_FILE : config.getDefaultModelFilename();
        Path file = path.resolve(Long.toString(version)).resolve(fileName);
        try {
            return ModelFile.of(file);
        } catch (IOException e) {
            throw ModelServerException.invalid("model '" + name + "' version " + version + " has no " + fileName);
        }
    }

    private TreeSet<Long> presentVersions() {
        try (Stream<Path> children = Files.list(path)) {
            TreeSet<Long> versions = new TreeSet<>();
            children.filter(Files::isDirectory)
                    .map(child -> child.getFileName().toString())
                    .filter(folder -> VERSION_FOLDER.matcher(folder).matches())
                    .forEach(folder -> versions.add(Long.parseLong(folder)));
            return versions;
        } catch (IOException e) {
            throw ModelServerException.invalid("model '" + name + "': cannot list its folder: " + e.getMessage());
        }
    }
}
