package dev.modelyard.registry.deploy;

import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.RepositoryModelLoadRequest;
import dev.modelyard.protocols.kserve.RepositoryModelUnloadRequest;
import dev.modelyard.registry.RegistryConfig;
import dev.modelyard.registry.discovery.ModelServerDiscovery;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The model servers' repository API over gRPC (plaintext, as everything between the platform's own
 * processes). One channel per target, kept while the target is discovered. Failures surface as
 * {@link io.grpc.StatusRuntimeException}.
 */
@ApplicationScoped
public class ModelServers {

    private final RegistryConfig config;
    private final ModelServerDiscovery discovery;
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    public ModelServers(RegistryConfig config, ModelServerDiscovery discovery) {
        this.config = config;
        this.discovery = discovery;
    }

    /** The {@code host:port} targets discovery knows now, in its order (configuration order when configured). */
    public List<String> targets() {
        return discovery.targets();
    }

    /** Has the server (re)load the model from the repository as its config.pbtxt now says. */
    public void load(String target, String servingName) {
        stub(target).repositoryModelLoad(RepositoryModelLoadRequest.newBuilder().setModelName(servingName).build());
    }

    public void unload(String target, String servingName) {
        stub(target).repositoryModelUnload(RepositoryModelUnloadRequest.newBuilder().setModelName(servingName).build());
    }

    /** Closes the channels of targets that are gone (a deleted pod's address may come back as another pod). */
    void retainOnly(Collection<String> live) {
        channels.keySet().stream().filter(target -> !live.contains(target)).toList().forEach(target -> {
            ManagedChannel channel = channels.remove(target);
            if (channel != null) {
                channel.shutdownNow();
            }
        });
    }

    private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub(String target) {
        ManagedChannel channel = channels.computeIfAbsent(target,
                t -> Grpc.newChannelBuilder(t, InsecureChannelCredentials.create()).build());
        return GRPCInferenceServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(config.loadTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
    }
}
