package dev.modelyard.modelserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.modelyard.modelserver.ModelServerException;
import dev.modelyard.modelserver.ServerMetadata;
import dev.modelyard.modelserver.repository.ModelIndexEntry;
import dev.modelyard.modelserver.repository.ModelRepository;
import dev.modelyard.modelserver.repository.VersionStatistics;
import dev.modelyard.modelserver.runtime.InferenceRequest;
import dev.modelyard.modelserver.runtime.InferenceResponse;
import dev.modelyard.modelserver.runtime.InferenceStatistics;
import dev.modelyard.modelserver.runtime.LoadedModel;
import dev.modelyard.modelserver.runtime.TensorSpec;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The KServe v2 REST protocol (with Triton's repository and statistics extensions) over the same
 * {@link ModelRepository} as the gRPC service. Paths without {@code /versions/{v}} mean the highest loaded
 * version; errors are {@code {"error": "..."}} as Triton writes them. Inference takes the binary tensor
 * extension too ({@link InferenceBodies}).
 */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
public class KServeResource {

    private static final String ANY_VERSION = "";
    private static final JsonFormat.Printer CONFIG_PRINTER = JsonFormat.printer().preservingProtoFieldNames();

    @Inject
    ModelRepository repository;

    @Inject
    ServerMetadata serverMetadata;

    @Inject
    ObjectMapper objectMapper;

    @GET
    public ServerMetadata serverMetadata() {
        return serverMetadata;
    }

    @GET
    @Path("/health/live")
    public Response live() {
        return Response.ok().build();
    }

    @GET
    @Path("/health/ready")
    public Response ready() {
        return Response.ok().build();
    }

    @GET
    @Path("/models/{model}")
    public KServeJson.ModelMetadata modelMetadata(@PathParam("model") String model) {
        return metadata(repository.model(model, ANY_VERSION));
    }

    @GET
    @Path("/models/{model}/versions/{version}")
    public KServeJson.ModelMetadata modelMetadata(@PathParam("model") String model, @PathParam("version") String version) {
        return metadata(repository.model(model, version));
    }

    /** 200 when ready, 400 otherwise, as Triton answers. */
    @GET
    @Path("/models/{model}/ready")
    public Response modelReady(@PathParam("model") String model) {
        return readiness(repository.isReady(model, ANY_VERSION));
    }

    @GET
    @Path("/models/{model}/versions/{version}/ready")
    public Response modelReady(@PathParam("model") String model, @PathParam("version") String version) {
        return readiness(repository.isReady(model, version));
    }

    @GET
    @Path("/models/{model}/config")
    public String modelConfig(@PathParam("model") String model) throws InvalidProtocolBufferException {
        return CONFIG_PRINTER.print(repository.model(model, ANY_VERSION).config());
    }

    @GET
    @Path("/models/{model}/versions/{version}/config")
    public String modelConfig(@PathParam("model") String model, @PathParam("version") String version)
            throws InvalidProtocolBufferException {
        return CONFIG_PRINTER.print(repository.model(model, version).config());
    }

    @POST
    @Path("/models/{model}/infer")
    @Consumes(MediaType.WILDCARD)
    public Response infer(@PathParam("model") String model,
                          @HeaderParam(InferenceBodies.HEADER_LENGTH) Integer headerLength, byte[] body) {
        return infer(model, ANY_VERSION, headerLength, body);
    }

    /**
     * A JSON body, or one using the binary tensor extension ({@code Inference-Header-Content-Length}); the
     * answer carries binary outputs the same way when the request asks for them.
     */
    @POST
    @Path("/models/{model}/versions/{version}/infer")
    @Consumes(MediaType.WILDCARD)
    public Response infer(@PathParam("model") String model, @PathParam("version") String version,
                          @HeaderParam(InferenceBodies.HEADER_LENGTH) Integer headerLength, byte[] body) {
        InferenceBodies.Request request = InferenceBodies.read(body == null ? new byte[0] : body, headerLength, objectMapper);
        List<String> outputs = request.json().outputs() == null ? List.of()
                : request.json().outputs().stream().map(KServeJson.RequestedOutput::name).toList();
        InferenceResponse response = repository.infer(new InferenceRequest(model, version,
                request.json().id() == null ? "" : request.json().id(), request.inputs(), outputs));
        InferenceBodies.Body answer = InferenceBodies.write(request.json(), response, objectMapper);
        if (answer.headerLength() == null) {
            return Response.ok(answer.bytes(), MediaType.APPLICATION_JSON).build();
        }
        return Response.ok(answer.bytes(), MediaType.APPLICATION_OCTET_STREAM)
                .header(InferenceBodies.HEADER_LENGTH, answer.headerLength()).build();
    }

    @GET
    @Path("/models/stats")
    public KServeJson.Statistics statistics() {
        return statistics(repository.statistics("", ANY_VERSION));
    }

    @GET
    @Path("/models/{model}/stats")
    public KServeJson.Statistics statistics(@PathParam("model") String model) {
        return statistics(repository.statistics(model, ANY_VERSION));
    }

    @GET
    @Path("/models/{model}/versions/{version}/stats")
    public KServeJson.Statistics statistics(@PathParam("model") String model, @PathParam("version") String version) {
        return statistics(repository.statistics(model, version));
    }

    /** The body, {@code {"ready": true}} to list only ready models, is optional, as in Triton. */
    @POST
    @Path("/repository/index")
    @Consumes(MediaType.WILDCARD)
    public List<ModelIndexEntry> repositoryIndex(String body) throws JsonProcessingException {
        KServeJson.RepositoryIndexRequest request = body == null || body.isBlank() ? null
                : objectMapper.readValue(body, KServeJson.RepositoryIndexRequest.class);
        return repository.index(request != null && Boolean.TRUE.equals(request.ready()));
    }

    @POST
    @Path("/repository/models/{model}/load")
    public Response load(@PathParam("model") String model) {
        repository.load(model);
        return Response.ok().build();
    }

    @POST
    @Path("/repository/models/{model}/unload")
    public Response unload(@PathParam("model") String model) {
        repository.unload(model);
        return Response.ok().build();
    }

    @ServerExceptionMapper
    public Response refused(ModelServerException e) {
        Response.Status status = switch (e.kind()) {
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case INVALID_ARGUMENT -> Response.Status.BAD_REQUEST;
            case UNAVAILABLE -> Response.Status.SERVICE_UNAVAILABLE;
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new KServeJson.Error(e.getMessage())).build();
    }

    private static Response readiness(boolean ready) {
        return Response.status(ready ? Response.Status.OK : Response.Status.BAD_REQUEST).build();
    }

    private static KServeJson.ModelMetadata metadata(LoadedModel model) {
        return new KServeJson.ModelMetadata(model.name(),
                model.versions().stream().map(version -> Long.toString(version.version())).toList(),
                LoadedModel.PLATFORM, tensors(model.inputs()), tensors(model.outputs()));
    }

    private static List<KServeJson.TensorMetadata> tensors(List<TensorSpec> specs) {
        return specs.stream().map(spec -> new KServeJson.TensorMetadata(spec.name(), spec.datatype().name(), spec.shape()))
                .toList();
    }

    private static KServeJson.Statistics statistics(List<VersionStatistics> versions) {
        return new KServeJson.Statistics(versions.stream().map(version -> {
            InferenceStatistics.Snapshot counts = version.statistics();
            return new KServeJson.ModelStatistics(version.name(), version.version(), counts.lastInferenceMillis(),
                    counts.inferenceCount(), counts.executionCount(), new KServeJson.InferStatistics(
                    duration(counts.success()), duration(counts.fail()), duration(counts.queue()),
                    duration(counts.computeInput()), duration(counts.computeInfer()), duration(counts.computeOutput())),
                    counts.batches().values().stream().map(batch -> new KServeJson.BatchStatistics(batch.batchSize(),
                            duration(batch.computeInput()), duration(batch.computeInfer()),
                            duration(batch.computeOutput()))).toList());
        }).toList());
    }

    private static KServeJson.Duration duration(InferenceStatistics.Duration duration) {
        return new KServeJson.Duration(duration.count(), duration.nanos());
    }
}
