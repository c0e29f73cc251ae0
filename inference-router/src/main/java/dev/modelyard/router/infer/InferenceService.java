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
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
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
    public ModelInferResponse infer(ForwardedCaller caller, String named, String version,
                                    Supplier<ModelInferRequest> request) {
        return infer(caller, named, version, StickyKeys.ofCurrentCall(), request);
    }

    /**
     * @param stickyKey when the model's traffic is split, calls with the same key go to the same version;
     *                  null picks by weight at random
     */
    public ModelInferResponse infer(ForwardedCaller caller, String named, String version, String stickyKey,
                                    Supplier<ModelInferRequest> request) {
        long started = System.nanoTime();
        ServingResolution serving = TrafficSplit.pick(resolver.resolve(caller, ModelReference.parse(named, version)),
                stickyKey, ThreadLocalRandom.current());
        long rows = 0;
        String status = UsageEvent.OK;
        try {
            ModelInferRequest inputs = readable(request, serving);
            rows = SignatureCheck.rows(inputs);
            List<FieldError> mismatches = SignatureCheck.mismatches(inputs, serving.inputs());
            if (!mismatches.isEmpty()) {
                throw invalidInput(serving, mismatches);
            }
            ModelInferResponse answer = callBackend(caller.tenant(), serving, inputs);
            return answer.toBuilder().setModelName(named).setModelVersion(serving.version()).setId(inputs.getId()).build();
        } catch (PlatformException e) {
            status = e.typeSlug();
            throw e;
        } catch (RuntimeException e) {
            status = "internal-error";
            throw e;
        } finally {
            usage.record(UsageEvent.of(caller.caller(), serving.model(), serving.version(), rows,
                    (System.nanoTime() - started) / 1000, status));
        }
    }

    /**
     * Within the tenant's limits, on the model's backends, by the earliest of the router's, the gRPC caller's
     * and the request's deadline.
     */
    private ModelInferResponse callBackend(String tenant, ServingResolution serving, ModelInferRequest inputs) {
        long deadline = CallDeadline.of(config.deadline(), Context.current().getDeadline(), inputs, System.nanoTime());
        try (TenantLimits.Admission admitted = tenantLimits.admit(tenant, inputs.getSerializedSize())) {
            return modelServers.infer(tenant, serving.backends(), inputs.toBuilder()
                    .setModelName(serving.servingName()).setModelVersion(serving.servingVersion()).build(), deadline);
        }
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
