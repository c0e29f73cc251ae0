package dev.modelyard.common.blob;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where datasets and model artifacts live. */
@ConfigMapping(prefix = "modelyard.blob-store")
public interface BlobStoreConfig {

    /** {@code filesystem} is the only kind today; object storage plugs in behind {@link BlobStore}. */
    @WithDefault("filesystem")
    String type();

    /** Root folder of the filesystem store. */
    @WithDefault("${modelyard.home:.platform}/blobs")
    String path();
}
