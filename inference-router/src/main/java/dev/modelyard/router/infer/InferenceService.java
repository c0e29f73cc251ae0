package dev.modelyard.router.infer;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.router.RouterConfig;
import dev.modelyard.router.admission.TenantLimits;
import dev.modelyard.router.backend.ModelServers;
import dev.modelyard.router.metering.UsageEvent;
import dev.modelyard.router.metering.UsageRecorder;
import dev.modelyard.router.resolve.ForwardedCaller;
import dev.modelyard.router.resolve.ModelReference;
import dev.modelyard.router.resolve.ModelResolver;
import dev.modelyard.router.resolve.ServingResolution;
import dev.modelyard.router.resolve.TensorSpec;
import dev.modelyard.router.routing.CallDeadline;
import dev.modelyard.router.routing.RoutingConfig;
import dev.modelyard.router.routing.StickyKeys;
import dev.modelyard.router.routing.TrafficSplit;
import io.grpc.Context;
import io.grpc.Deadline;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The data plane, whichever protocol the call came in: resolve the model for the caller's tenant,
 * check the inputs against its signature, ask a model server, meter the call.
 */
@ApplicationScoped
public class InferenceService {

    private final ModelResolver resolver;
    private final ModelServers modelServers;
    private final UsageRecorder usage;
    private final TenantLimits tenantLimits;
    private final RouterConfig config;

    public InferenceService(ModelResolver resolver, ModelServers modelServers, UsageRecorder usage,
                            RouterConfig config, RoutingConfig routing) {
        this.resolver = resolver;
        this.modelServers = modelServers;
        this.usage = usage;
        this.config = config;
        this.tenantLimits = new TenantLimits(routing.tenant().maxConcurrent(),
                routing.tenant().maxRequestSize().asLongValue());
    }

    /**
     * @param named   the model as the caller named it, echoed as {@code model_name}
     * @param version the version named separately (KServe's path, gRPC's {@code model_version}), or null
     * @param request converted only once the signature is known, so that unreadable tensors are reported
     *                against it too
     */
    public CompletableFuture<ModelInferResponse> infer(ForwardedCaller caller, String named, String version,
                                                       Supplier<ModelInferRequest> request) {
        return infer(caller, named, version, StickyKeys.ofCurrentCall(), request);
    }

    /**
     * Holds no thread while the call waits: a cached resolution goes on at once on the calling thread, the
     * backend's answer comes back asynchronously, and the answer (or the failure, a {@link PlatformException}
     * for everything the caller did or may retry) completes the future on the caller's Vert.x context once
     * its usage event is spooled: on its event loop, where the backend's answer arrives too. A reference not in
     * memory is resolved on a virtual thread.
     *
     * @param stickyKey when the model's traffic is split, calls with the same key go to the same version;
     *                  null picks by weight at random
     */
    public CompletableFuture<ModelInferResponse> infer(ForwardedCaller caller, String named, String version,
                                                       String stickyKey, Supplier<ModelInferRequest> request) {
        long started = System.nanoTime();
        // The gRPC context and the Vert.x context belong to this thread: taken before anything goes async.
        Deadline callerDeadline = Context.current().getDeadline();
        Executor resume = CallersContext.current();
        CompletableFuture<ServingResolution> resolved;
        try {
            resolved = resolver.resolveAsync(caller, ModelReference.parse(named, version));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return resolved.thenCompose(split -> metered(caller, named,
                TrafficSplit.pick(split, stickyKey, ThreadLocalRandom.current()), request, callerDeadline, started,
                resume));
    }

    /** Checks and sends the call; whatever its outcome, the answer leaves only once its usage event is spooled. */
    private CompletableFuture<ModelInferResponse> metered(ForwardedCaller caller, String named,
                                                          ServingResolution serving,
                                                          Supplier<ModelInferRequest> request, Deadline callerDeadline,
                                                          long started, Executor resume) {
        long rows = 0;
        String id = "";
        CompletableFuture<ModelInferResponse> answered;
        try {
            ModelInferRequest inputs = readable(request, serving);
            id = inputs.getId();
            rows = SignatureCheck.rows(inputs);
            List<FieldError> mismatches = SignatureCheck.mismatches(inputs, serving.inputs());
            if (!mismatches.isEmpty()) {
                throw invalidInput(serving, mismatches);
            }
            answered = callBackend(caller.tenant(), serving, inputs, callerDeadline);
        } catch (RuntimeException e) {
            answered = CompletableFuture.failedFuture(e);
        }
        long meteredRows = rows;
        String requestId = id;
        return answered.handleAsync((answer, error) -> {
            Throwable failure = error instanceof CompletionException wrapped ? wrapped.getCause() : error;
            String status = failure == null ? UsageEvent.OK
                    : failure instanceof PlatformException refused ? refused.typeSlug() : "internal-error";
            usage.record(UsageEvent.of(caller.caller(), serving.model(), serving.version(), meteredRows,
                    (System.nanoTime() - started) / 1000, status));
            if (failure != null) {
                throw new CompletionException(failure);
            }
            return answer.toBuilder().setModelName(named).setModelVersion(serving.version()).setId(requestId).build();
        }, resume);
    }

    /**
     * Within the tenant's limits, on the model's backends, by the earliest of the router's, the gRPC caller's
     * and the request's deadline.
     */
    private CompletableFuture<ModelInferResponse> callBackend(String tenant, ServingResolution serving,
                                                              ModelInferRequest inputs, Deadline callerDeadline) {
        long deadline = CallDeadline.of(config.deadline(), callerDeadline, inputs, System.nanoTime());
        TenantLimits.Admission admitted = tenantLimits.admit(tenant, inputs.getSerializedSize());
        CompletableFuture<ModelInferResponse> answer;
        try {
            answer = modelServers.infer(tenant, serving.backends(), inputs.toBuilder()
                    .setModelName(serving.servingName()).setModelVersion(serving.servingVersion()).build(), deadline);
        } catch (RuntimeException e) {
            admitted.close();
            throw e;
        }
        return answer.whenComplete((response, failure) -> admitted.close());
    }

    public ServingResolution metadata(ForwardedCaller caller, String named, String version) {
        return resolver.resolve(caller, ModelReference.parse(named, version));
    }

    /** Ready when the reference resolves to a deployed version that a model server has loaded. */
    public boolean ready(ForwardedCaller caller, String named, String version) {
        ServingResolution serving;
        try {
            serving = resolver.resolve(caller, ModelReference.parse(named, version));
        } catch (PlatformException e) {
            if (e.status() == 409) {
                return false;
            }
            throw e;
        }
        return modelServers.ready(serving.backends(), serving.servingName(), serving.servingVersion());
    }

    private static ModelInferRequest readable(Supplier<ModelInferRequest> request, ServingResolution serving) {
        try {
            return Tensors.checked(request.get());
        } catch (InvalidTensorsException e) {
            throw invalidInput(serving, e.errors());
        }
    }

    private static PlatformException invalidInput(ServingResolution serving, List<FieldError> errors) {
        String expected = serving.inputs().stream().map(TensorSpec::describe).collect(Collectors.joining(", "));
        return new PlatformException(400, "invalid-input", "Invalid input",
                "The inputs do not match model '" + serving.model() + "' version " + serving.version()
                        + ": expected " + expected, errors, Map.of());
    }
}
