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

    /**
     * How many of the model servers each model is loaded on, chosen by rendezvous hashing of its serving name
     * (stable, and moving few models when servers come or go); 0 loads every model on every server.
     */
    @WithDefault("0")
    int replicas();

    /** How long one model server may take to load or unload a model. */
    @WithDefault("30s")
    Duration loadTimeout();

    /** {@code max_batch_size} written for models whose tensors all start with a batch dimension (-1). */
    @WithDefault("1024")
    int maxBatchSize();

    /**
     * For those batched models, how long (µs) a request may wait in the model server's queue for others to run
     * with it ({@code dynamic_batching { max_queue_delay_microseconds }}); 0 writes no dynamic batching at all.
     */
    @WithDefault("200")
    int dynamicBatchingDelayMicros();
}
