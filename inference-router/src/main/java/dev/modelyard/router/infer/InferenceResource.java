package dev.modelyard.router.infer;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.tenant.TenantContext;
import dev.modelyard.router.resolve.ForwardedCaller;
import dev.modelyard.router.resolve.ServingResolution;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * KServe v2 over HTTP: {@code /v2/models/{name}[/versions/{version}]} with {@code /ready}, {@code /config} and
 * {@code /stats}; {@code /infer} is {@link InferRoute}. {@code name} is {@code churn}, {@code churn@staging} or
 * {@code churn@3}.
 */
@Path("/v2/models/{name}")
@RolesAllowed(Caller.TENANT_MEMBER)
public class InferenceResource {

    private static final JsonFormat.Printer CONFIG_JSON = JsonFormat.printer().preservingProtoFieldNames();

    private final InferenceService inference;
    private final ModelInspection inspection;
    private final TenantContext tenantContext;

    public InferenceResource(InferenceService inference, ModelInspection inspection, TenantContext tenantContext) {
        this.inference = inference;
        this.inspection = inspection;
        this.tenantContext = tenantContext;
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
    @Path("/config")
    @Produces(MediaType.APPLICATION_JSON)
    public String config(@PathParam("name") String name, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization)
            throws InvalidProtocolBufferException {
        return config(name, null, authorization);
    }

    /** The model configuration as Triton prints it ({@code max_batch_size}, {@code dynamic_batching}, ...). */
    @GET
    @Path("/versions/{version}/config")
    @Produces(MediaType.APPLICATION_JSON)
    public String config(@PathParam("name") String name, @PathParam("version") String version,
                         @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization)
            throws InvalidProtocolBufferException {
        return CONFIG_JSON.print(inspection.config(caller(authorization), name, version));
    }

    @GET
    @Path("/stats")
    public KServeJson.Statistics statistics(@PathParam("name") String name,
                                            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return statistics(name, null, authorization);
    }

    @GET
    @Path("/versions/{version}/stats")
    public KServeJson.Statistics statistics(@PathParam("name") String name, @PathParam("version") String version,
                                            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return new KServeJson.Statistics(List.of(KServeJson.ModelStats.of(
                inspection.statistics(caller(authorization), name, version))));
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
        return new ForwardedCaller(tenantContext.caller(), authorization);
    }
}
