package dev.modelyard.registry.deploy;

import static dev.modelyard.registry.RegistryApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import com.google.protobuf.TextFormat;
import dev.modelyard.protocols.kserve.DataType;
import dev.modelyard.protocols.kserve.ModelConfig;
import dev.modelyard.registry.RegistryApi;
import dev.modelyard.registry.RegistryConfig;
import dev.modelyard.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_registry"))
@QuarkusTestResource(value = FakeModelServerPorts.class, restrictToAnnotatedClass = false)
class ModelDeploymentTest {

    @Inject
    FakeModelServers servers;

    @Inject
    RegistryConfig config;

    @AfterEach
    void recover() {
        servers.recover();
    }

    @Test
    void publishesTheTritonLayoutAndLoadsItOnEveryServer() throws Exception {
        RegistryApi.register("acme", "layout");
        RegistryApi.register("acme", "layout");
        String servingName = RegistryApi.servingName("acme", "layout");
        Path folder = Path.of(config.modelRepository()).resolve(servingName);

        RegistryApi.setAlias("acme", "layout", "production", 1);
        RegistryApi.setAlias("acme", "layout", "staging", 2);

        assertThat(Files.readAllBytes(folder.resolve("1/model.onnx"))).isEqualTo(artifact("layout", 1));
        assertThat(Files.readAllBytes(folder.resolve("2/model.onnx"))).isEqualTo(artifact("layout", 2));
        ModelConfig published = read(folder);
        assertThat(published.getName()).isEqualTo(servingName);
        assertThat(published.getBackend()).isEqualTo("onnxruntime");
        assertThat(published.getVersionPolicy().getSpecific().getVersionsList()).containsExactly(1L, 2L);
        assertThat(published.getMaxBatchSize()).isEqualTo(1024);
        assertThat(published.getInputList()).singleElement().satisfies(input -> {
            assertThat(input.getName()).isEqualTo("features");
            assertThat(input.getDataType()).isEqualTo(DataType.TYPE_FP32);
            assertThat(input.getDimsList()).containsExactly(4L);
        });
        assertThat(published.getOutputList()).satisfiesExactly(
                probabilities -> assertThat(probabilities.getDimsList()).containsExactly(2L),
                label -> {
                    assertThat(label.getDataType()).isEqualTo(DataType.TYPE_STRING);
                    assertThat(label.getDimsList()).containsExactly(1L);
                    assertThat(label.getReshape().getShapeList()).isEmpty();
                    assertThat(label.hasReshape()).isTrue();
                });
        assertThat(published.getMetricTagsMap()).containsEntry("tenant", "acme").containsEntry("model", "layout");
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("config.pbtxt", "1", "2");
        }
        assertThat(servers.callsFor(servingName)).containsExactlyElementsOf(
                twice(List.of(load(0, servingName), load(1, servingName))));

        // Nothing points at 1 any more: the config drops it and its folder goes.
        RegistryApi.setAlias("acme", "layout", "production", 2);
        assertThat(read(folder).getVersionPolicy().getSpecific().getVersionsList()).containsExactly(2L);
        assertThat(folder.resolve("1")).doesNotExist();

        as("acme").delete("/v1/models/layout/aliases/production").then().statusCode(200);
        assertThat(folder).exists();
        as("acme").delete("/v1/models/layout/aliases/staging").then().statusCode(200);
        assertThat(folder).doesNotExist();
        List<FakeModelServers.Call> calls = servers.callsFor(servingName);
        assertThat(calls.subList(calls.size() - 2, calls.size()))
                .containsExactly(call(0, "unload", servingName), call(1, "unload", servingName));
    }

    @Test
    void withoutABatchDimensionDimsStayWhole() throws Exception {
        RegistryApi.register("acme", "fixed", """
                {"inputs": [{"name": "x", "datatype": "INT64", "shape": [1, 3]}],
                 "outputs": [{"name": "y", "datatype": "FP64", "shape": [-1]}]}""");
        RegistryApi.setAlias("acme", "fixed", "production", 1);

        ModelConfig published = read(Path.of(config.modelRepository()).resolve(RegistryApi.servingName("acme", "fixed")));
        assertThat(published.getMaxBatchSize()).isZero();
        assertThat(published.getInput(0).getDimsList()).containsExactly(1L, 3L);
        assertThat(published.getInput(0).getDataType()).isEqualTo(DataType.TYPE_INT64);
        assertThat(published.getOutput(0).getDimsList()).containsExactly(-1L);
    }

    @Test
    void aRefusingServerLeavesTheAliasAndTheRepositoryAsTheyWere() throws Exception {
        RegistryApi.register("acme", "refused");
        RegistryApi.register("acme", "refused");
        RegistryApi.setAlias("acme", "refused", "production", 1);
        String servingName = RegistryApi.servingName("acme", "refused");
        Path folder = Path.of(config.modelRepository()).resolve(servingName);
        String configBefore = Files.readString(folder.resolve("config.pbtxt"));
        String failing = servers.targets().get(1);

        servers.failOn(failing);
        as("acme").contentType(ContentType.JSON).body("{\"version\": 2}").put("/v1/models/refused/aliases/production")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", endsWith("/deploy-failed"))
                .body("detail", containsString(failing))
                .body("detail", containsString("onnxruntime refused the model"));

        as("acme").get("/v1/models/refused/aliases").then().body("data[0].version", equalTo(1));
        as("acme").get("/v1/models/refused/aliases/production/history").then().body("data.size()", equalTo(1));
        assertThat(Files.readString(folder.resolve("config.pbtxt"))).isEqualTo(configBefore);
        assertThat(folder.resolve("2")).doesNotExist();
        // The first server had loaded the new config; it is told to load the restored one.
        List<FakeModelServers.Call> calls = servers.callsFor(servingName);
        assertThat(calls.subList(2, calls.size()))
                .containsExactly(load(0, servingName), load(1, servingName), load(0, servingName));

        // Deleting the last alias needs every server to unload, too.
        as("acme").delete("/v1/models/refused/aliases/production").then().statusCode(503);
        assertThat(folder.resolve("config.pbtxt")).exists();
        servers.recover();
        as("acme").delete("/v1/models/refused/aliases/production").then().statusCode(200);
        assertThat(folder).doesNotExist();
    }

    @Test
    void aFirstPublishThatFailsLeavesNoFolder() {
        RegistryApi.register("acme", "never-served");
        String servingName = RegistryApi.servingName("acme", "never-served");
        servers.failOn(servers.targets().get(0));

        as("acme").contentType(ContentType.JSON).body("{\"version\": 1}")
                .put("/v1/models/never-served/aliases/production").then().statusCode(503);
        assertThat(Path.of(config.modelRepository()).resolve(servingName)).doesNotExist();
        as("acme").get("/v1/models/never-served/aliases").then().body("data.size()", equalTo(0));
    }

    @Test
    void versionsServedTogetherNeedOneSignature() {
        RegistryApi.register("acme", "drifted");
        RegistryApi.register("acme", "drifted", RegistryApi.BATCHED_SIGNATURE.replace("[-1, 4]", "[-1, 5]"));
        RegistryApi.setAlias("acme", "drifted", "production", 1);
        as("acme").contentType(ContentType.JSON).body("{\"version\": 2}").put("/v1/models/drifted/aliases/staging")
                .then().statusCode(409).body("type", endsWith("/signature-mismatch"));
        // Moving the only alias is fine: one version is served at a time.
        RegistryApi.setAlias("acme", "drifted", "production", 2);
    }

    private static byte[] artifact(String model, int version) {
        return as("acme").get("/v1/models/" + model + "/versions/" + version + "/artifact").asByteArray();
    }

    private static ModelConfig read(Path folder) throws Exception {
        ModelConfig.Builder config = ModelConfig.newBuilder();
        TextFormat.merge(Files.readString(folder.resolve("config.pbtxt")), config);
        return config.build();
    }

    private FakeModelServers.Call load(int server, String servingName) {
        return call(server, "load", servingName);
    }

    private FakeModelServers.Call call(int server, String rpc, String servingName) {
        return new FakeModelServers.Call(servers.targets().get(server), rpc, servingName);
    }

    private static <T> List<T> twice(List<T> calls) {
        return Stream.concat(calls.stream(), calls.stream()).toList();
    }
}
