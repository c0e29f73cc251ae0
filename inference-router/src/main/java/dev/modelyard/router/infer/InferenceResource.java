package dev.modelyard.router.infer;

import dev.modelyard.common.auth.BearerTokens;
import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.tenant.TenantContext;
import dev.modelyard.router.resolve.ForwardedCaller;
import dev.modelyard.router.resolve.ServingResolution;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Map;

/**
 * KServe v2 over HTTP: {@code /v2/models/{name}[/versions/{version}]} with {@code /infer} and {@code /ready}.
 * {@code name} is {@code churn}, {@code churn@staging} or {@code churn@3}.
 */
@Path("/v2/models/{name}")
@RolesAllowed(Caller.TENANT_MEMBER)
public class InferenceResource {

    private final InferenceService inference;
    private final TenantContext tenantContext;

    public InferenceResource(InferenceService inference, TenantContext tenantContext) {
        this.inference = inference;
        this.tenantContext = tenantContext;
    }

    @POST
    @Path("/infer")
    public KServeJson.InferenceResponse infer(@PathParam("name") String name,
                                              @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                              KServeJson.InferenceRequest body) {
        return infer(name, null, authorization, body);
    }

    @POST
    @Path("/versions/{version}/infer")
    public KServeJson.InferenceResponse infer(@PathParam("name") String name, @PathParam("version") String version,
                                              @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                              KServeJson.InferenceRequest body) {
        if (body == null) {
            throw PlatformException.badRequest("A KServe v2 inference request body is required");
        }
        return Tensors.toJson(inference.infer(caller(authorization), name, version, () -> Tensors.fromJson(body)));
    }

    @GET
    public KServeJson.ModelMetadata metadata(@PathParam("name") String name,
                                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return metadata(name, null, authorization);
    }

    @GET
    @Path("/versions/{version}")
    public KServeJson.ModelMetadata metadata(@PathParam("name") String name, @PathParam("version") String version,
                                             @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        ServingResolution serving = inference.metadata(caller(authorization), name, version);
        return new KServeJson.ModelMetadata(name, List.of(serving.version()), serving.inputs(), serving.outputs());
    }

    @GET
    @Path("/ready")
    public KServeJson.ModelReadiness ready(@PathParam("name") String name,
                                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return ready(name, null, authorization);
    }

    /** KServe tells readiness by status alone: 200 when ready, otherwise a 503 to retry. */
    @GET
    @Path("/versions/{version}/ready")
    public KServeJson.ModelReadiness ready(@PathParam("name") String name, @PathParam("version") String version,
                                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        if (!inference.ready(caller(authorization), name, version)) {
            throw new PlatformException(503, "model-not-ready", "Model not ready",
                    "Model '" + name + "' is not loaded on a model server yet", List.of(), Map.of("Retry-After", "1"));
        }
        return new KServeJson.ModelReadiness(name, true);
    }

    private ForwardedCaller caller(String authorization) {
        return new ForwardedCaller(tenantContext.caller(), BearerTokens.from(authorization));
    }
}
