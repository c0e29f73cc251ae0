package dev.modelyard.router.infer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.tenant.TenantContext;
import dev.modelyard.router.resolve.ForwardedCaller;
import dev.modelyard.router.resolve.ServingResolution;
import dev.modelyard.router.routing.StickyKeys;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * KServe v2 over HTTP: {@code /v2/models/{name}[/versions/{version}]} with {@code /infer}, {@code /ready},
 * {@code /config} and {@code /stats}.
 * {@code name} is {@code churn}, {@code churn@staging} or {@code churn@3}.
 */
@Path("/v2/models/{name}")
@RolesAllowed(Caller.TENANT_MEMBER)
public class InferenceResource {

    /** The binary tensor extension's header: how many bytes of the body are JSON. */
    static final String INFERENCE_HEADER_LENGTH = "Inference-Header-Content-Length";

    private static final JsonFormat.Printer CONFIG_JSON = JsonFormat.printer().preservingProtoFieldNames();

    private final InferenceService inference;
    private final ModelInspection inspection;
    private final TenantContext tenantContext;
    private final ObjectMapper objectMapper;

    public InferenceResource(InferenceService inference, ModelInspection inspection, TenantContext tenantContext,
                             ObjectMapper objectMapper) {
        this.inference = inference;
        this.inspection = inspection;
        this.tenantContext = tenantContext;
        this.objectMapper = objectMapper;
    }

    @POST
    @Path("/infer")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> infer(@PathParam("name") String name,
                               @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @HeaderParam(StickyKeys.HEADER) String stickyKey,
                               @HeaderParam(INFERENCE_HEADER_LENGTH) Integer headerLength, byte[] body) {
        return infer(name, null, authorization, stickyKey, headerLength, body);
    }

    /**
     * A KServe v2 JSON body, or with the binary tensor extension: {@code Inference-Header-Content-Length} bytes
     * of JSON, then the raw bytes of the inputs that announce a {@code binary_data_size}. The answer is JSON,
     * or JSON followed by the outputs asked for in binary, with the same header. Runs on the event loop: no
     * step of the call waits on it.
     */
    @POST
    @Path("/versions/{version}/infer")
    @Consumes(MediaType.WILDCARD)
    public Uni<Response> infer(@PathParam("name") String name, @PathParam("version") String version,
                               @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                               @HeaderParam(StickyKeys.HEADER) String stickyKey,
                               @HeaderParam(INFERENCE_HEADER_LENGTH) Integer headerLength, byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        int jsonLength = headerLength == null ? bytes.length : headerLength;
        if (jsonLength < 0 || jsonLength > bytes.length) {
            throw PlatformException.badRequest("The JSON part does not fit the body", FieldError.field(
                    INFERENCE_HEADER_LENGTH, "Is " + jsonLength + " for a body of " + bytes.length + " bytes"));
        }
        KServeJson.InferenceRequest json = readJson(bytes, jsonLength);
        ByteString binary = jsonLength == bytes.length ? ByteString.EMPTY
                : ByteString.copyFrom(bytes, jsonLength, bytes.length - jsonLength);
        // Mutiny hands the failure on unwrapped, so the platform's problem+json mapping sees it as thrown. The
        // answer is shaped in the future itself: a Mutiny step would wrap it for context propagation on every call.
        return Uni.createFrom().completionStage(inference.infer(caller(authorization), name, version, stickyKey,
                () -> Tensors.fromJson(json, binary)).thenApply(answer -> response(Tensors.toJson(answer, json))));
    }

    /**
     * The JSON is written here, as bytes: an entity object would have the REST layer look up its writer and
     * stream it out on every call.
     */
    private Response response(Tensors.JsonAnswer answer) {
        byte[] header = write(answer.json());
        if (answer.binary().isEmpty()) {
            return Response.ok(header, MediaType.APPLICATION_JSON).build();
        }
        byte[] whole = new byte[header.length + answer.binary().size()];
        System.arraycopy(header, 0, whole, 0, header.length);
        answer.binary().copyTo(whole, header.length);
        return Response.ok(whole, MediaType.APPLICATION_OCTET_STREAM).header(INFERENCE_HEADER_LENGTH, header.length).build();
    }

    private KServeJson.InferenceRequest readJson(byte[] body, int length) {
        KServeJson.InferenceRequest json;
        try {
            json = objectMapper.readValue(body, 0, length, KServeJson.InferenceRequest.class);
        } catch (IOException e) {
            throw PlatformException.badRequest("The body is not a KServe v2 inference request",
                    FieldError.field("body", e.getMessage().lines().findFirst().orElse("unreadable")));
        }
        if (json == null) {
            throw PlatformException.badRequest("A KServe v2 inference request body is required");
        }
        return json;
    }

    private byte[] write(KServeJson.InferenceResponse json) {
        try {
            return objectMapper.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new IllegalStateException("An inference answer could not be written", e);
        }
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
