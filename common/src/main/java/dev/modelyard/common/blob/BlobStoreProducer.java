package dev.modelyard.common.blob;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;

/** Chooses the {@link BlobStore} implementation from {@code modelyard.blob-store.type}. */
public class BlobStoreProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    BlobStore blobStore(BlobStoreConfig config) {
        return switch (config.type()) {
            case "filesystem" -> new FileSystemBlobStore(Path.of(config.path()));
            default -> throw new IllegalStateException("Unknown modelyard.blob-store.type: " + config.type());
        };
    }
}
