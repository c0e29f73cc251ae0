package dev.modelyard.registry.deploy;

import com.google.protobuf.TextFormat;
import dev.modelyard.common.blob.BlobStore;
import dev.modelyard.protocols.kserve.ModelConfig;
import dev.modelyard.registry.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Triton-layout folder the model servers load from: {@code <root>/<serving name>/config.pbtxt} and
 * {@code <root>/<serving name>/<version>/model.onnx}. Every file appears by an atomic move, so a server
 * never reads half a file; the config is written after the version folders it lists.
 */
@ApplicationScoped
public class TritonModelRepository {

    static final String CONFIG_FILE = "config.pbtxt";
    static final String MODEL_FILE = "model.onnx";

    private final Path root;
    private final BlobStore blobs;

    public TritonModelRepository(RegistryConfig config, BlobStore blobs) {
        this.root = Path.of(config.modelRepository());
        this.blobs = blobs;
    }

    /** The model's current config.pbtxt, if it is published. */
    Optional<String> config(String servingName) {
        Path file = root.resolve(servingName).resolve(CONFIG_FILE);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Versions the config lists and whose model file is in place. */
    Set<Integer> publishedVersions(String servingName) {
        return config(servingName).map(text -> parse(text).getVersionPolicy().getSpecific().getVersionsList().stream()
                        .map(Long::intValue)
                        .filter(v -> Files.isRegularFile(versionFolder(servingName, v).resolve(MODEL_FILE)))
                        .collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    /**
     * Copies the artifacts of versions not yet in place, then writes the config.
     *
     * @return the versions whose folders this call created, for {@link #restore}
     */
    Set<Integer> publish(ModelConfig config, List<ServingPlan.ServedVersion> versions) {
        String servingName = config.getName();
        Set<Integer> added = new HashSet<>();
        try {
            for (ServingPlan.ServedVersion version : versions) {
                Path model = versionFolder(servingName, version.version()).resolve(MODEL_FILE);
                if (!Files.exists(model)) {
                    added.add(version.version());
                    writeAtomically(model, out -> {
                        try (InputStream bytes = blobs.open(version.artifactSha256()).orElseThrow(() ->
                                new IllegalStateException("Blob " + version.artifactSha256() + " is missing"))) {
                            bytes.transferTo(out);
                        }
                    });
                }
            }
            writeAtomically(root.resolve(servingName).resolve(CONFIG_FILE),
                    out -> out.write(TextFormat.printer().printToString(config).getBytes(StandardCharsets.UTF_8)));
            return added;
        } catch (RuntimeException e) {
            // The config was not replaced (it is written last); only the new folders need to go.
            added.forEach(v -> deleteTree(versionFolder(servingName, v)));
            throw e;
        }
    }

    /** Puts back the config a failed {@link #publish} replaced and drops the folders it added. */
    void restore(String servingName, Optional<String> previousConfig, Set<Integer> added) {
        if (previousConfig.isEmpty()) {
            remove(servingName);
            return;
        }
        writeAtomically(root.resolve(servingName).resolve(CONFIG_FILE),
                out -> out.write(previousConfig.get().getBytes(StandardCharsets.UTF_8)));
        added.forEach(v -> deleteTree(versionFolder(servingName, v)));
    }

    /** Removes version folders the config no longer lists. */
    void prune(String servingName, Set<Integer> keep) {
        try (Stream<Path> children = Files.list(root.resolve(servingName))) {
            children.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("\\d+"))
                    .filter(p -> !keep.contains(Integer.parseInt(p.getFileName().toString())))
                    .forEach(TritonModelRepository::deleteTree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void remove(String servingName) {
        deleteTree(root.resolve(servingName));
    }

    private Path versionFolder(String servingName, int version) {
        return root.resolve(servingName).resolve(Integer.toString(version));
    }

    private static ModelConfig parse(String text) {
        try {
            ModelConfig.Builder config = ModelConfig.newBuilder();
            TextFormat.merge(text, config);
            return config.build();
        } catch (TextFormat.ParseException e) {
            throw new IllegalStateException("Unreadable config.pbtxt in the model repository", e);
        }
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static void writeAtomically(Path target, Writer writer) {
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                writer.write(out);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            if (temp != null) {
                deleteTree(temp);
            }
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    private static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path, e);
        }
    }
}
