package dev.modelyard.registry;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How the registry stores artifacts and deploys aliased versions to the model servers. */
@ConfigMapping(prefix = "modelyard.registry")
public interface RegistryConfig {

    /** The largest artifact an upload may carry; larger uploads are refused with 413. */
    @WithDefault("1G")
    MemorySize maxArtifactSize();

    /** Root of the Triton-layout model repository the model servers load from. */
    @WithDefault("${modelyard.home:.platform}/model-repository")
    String modelRepository();

    /** gRPC targets ({@code host:port}) told to load and unload models; none means publish files only. */
    Optional<List<String>> modelServers();

    /** How long one model server may take to load or unload a model. */
    @WithDefault("30s")
    Duration loadTimeout();

    /** {@code max_batch_size} written for models whose tensors all start with a batch dimension (-1). */
    @WithDefault("1024")
    int maxBatchSize();
}
