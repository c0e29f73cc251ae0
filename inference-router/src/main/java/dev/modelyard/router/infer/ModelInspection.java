package dev.modelyard.router.infer;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.protocols.kserve.InferBatchStatistics;
import dev.modelyard.protocols.kserve.InferStatistics;
import dev.modelyard.protocols.kserve.ModelConfig;
import dev.modelyard.protocols.kserve.ModelConfigRequest;
import dev.modelyard.protocols.kserve.ModelStatistics;
import dev.modelyard.protocols.kserve.ModelStatisticsRequest;
import dev.modelyard.protocols.kserve.StatisticDuration;
import dev.modelyard.router.backend.ModelServers;
import dev.modelyard.router.resolve.ForwardedCaller;
import dev.modelyard.router.resolve.ModelReference;
import dev.modelyard.router.resolve.ModelResolver;
import dev.modelyard.router.resolve.ServingResolution;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A tenant's view of how its model is served: the model configuration and the statistics the model servers
 * keep, asked of the backends the version is placed on. Both speak of the model as the caller named it and
 * of the registry's version, never of the serving name, which only the platform uses.
 */
@ApplicationScoped
public class ModelInspection {

    private final ModelResolver resolver;
    private final ModelServers modelServers;

    public ModelInspection(ModelResolver resolver, ModelServers modelServers) {
        this.resolver = resolver;
        this.modelServers = modelServers;
    }

    /** The configuration a model server serves the version with (its config.pbtxt, completed from the graph). */
    public ModelConfig config(ForwardedCaller caller, String named, String version) {
        ServingResolution serving = resolver.resolve(caller, ModelReference.parse(named, version));
        ModelConfigRequest request = ModelConfigRequest.newBuilder().setName(serving.servingName())
                .setVersion(serving.servingVersion()).build();
        ModelConfig config = modelServers.askEach(serving.backends(), stub -> stub.modelConfig(request).getConfig())
                .stream().findFirst().orElseThrow(() -> notLoaded(named));
        // Which registry versions share the serving folder is the platform's business, not the tenant's.
        return config.toBuilder().setName(named).clearVersionPolicy().build();
    }

    /** The version's statistics summed over the model servers that serve it. */
    public ModelStatistics statistics(ForwardedCaller caller, String named, String version) {
        ServingResolution serving = resolver.resolve(caller, ModelReference.parse(named, version));
        ModelStatisticsRequest request = ModelStatisticsRequest.newBuilder().setName(serving.servingName())
                .setVersion(serving.servingVersion()).build();
        List<ModelStatistics> perServer = modelServers.askEach(serving.backends(),
                stub -> stub.modelStatistics(request).getModelStatsList()).stream().flatMap(List::stream).toList();
        if (perServer.isEmpty()) {
            throw notLoaded(named);
        }
        return sum(perServer).toBuilder().setName(named).setVersion(serving.version()).build();
    }

    static ModelStatistics sum(List<ModelStatistics> statistics) {
        ModelStatistics.Builder total = ModelStatistics.newBuilder();
        InferStatistics.Builder inference = InferStatistics.newBuilder();
        Map<Long, InferBatchStatistics> batches = new TreeMap<>();
        for (ModelStatistics server : statistics) {
            total.setLastInference(Math.max(total.getLastInference(), server.getLastInference()))
                    .setInferenceCount(total.getInferenceCount() + server.getInferenceCount())
                    .setExecutionCount(total.getExecutionCount() + server.getExecutionCount());
            InferStatistics stats = server.getInferenceStats();
            inference.setSuccess(add(inference.getSuccess(), stats.getSuccess()))
                    .setFail(add(inference.getFail(), stats.getFail()))
                    .setQueue(add(inference.getQueue(), stats.getQueue()))
                    .setComputeInput(add(inference.getComputeInput(), stats.getComputeInput()))
                    .setComputeInfer(add(inference.getComputeInfer(), stats.getComputeInfer()))
                    .setComputeOutput(add(inference.getComputeOutput(), stats.getComputeOutput()));
            for (InferBatchStatistics batch : server.getBatchStatsList()) {
                batches.merge(batch.getBatchSize(), batch, (a, b) -> a.toBuilder()
                        .setComputeInput(add(a.getComputeInput(), b.getComputeInput()))
                        .setComputeInfer(add(a.getComputeInfer(), b.getComputeInfer()))
                        .setComputeOutput(add(a.getComputeOutput(), b.getComputeOutput())).build());
            }
        }
        return total.setInferenceStats(inference).addAllBatchStats(batches.values()).build();
    }

    private static StatisticDuration add(StatisticDuration a, StatisticDuration b) {
        return StatisticDuration.newBuilder().setCount(a.getCount() + b.getCount()).setNs(a.getNs() + b.getNs()).build();
    }

    private static PlatformException notLoaded(String named) {
        return new PlatformException(503, "model-not-loaded", "Model not loaded",
                "Model '" + named + "' is not loaded on a model server that answered; try again shortly", List.of(),
                Map.of("Retry-After", "1"));
    }
}
