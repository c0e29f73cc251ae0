package dev.modelyard.registry.discovery;

import static dev.modelyard.registry.RegistryApi.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.registry.RegistryApi;
import dev.modelyard.registry.deploy.FakeModelServerPorts;
import dev.modelyard.registry.deploy.FakeModelServers;
import dev.modelyard.testsupport.PostgresResource;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The registry with {@code discovery=kubernetes} against the mock API server: the fake model servers appear and
 * disappear as EndpointSlices of the Triton Service, and deployed models follow them.
 */
@QuarkusTest
@TestProfile(KubernetesDiscoveryTest.Profile.class)
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_registry"))
@QuarkusTestResource(value = FakeModelServerPorts.class, restrictToAnnotatedClass = false)
class KubernetesDiscoveryTest {

    private static final String NAMESPACE = "modelyard";

    /** Discovery from the Triton Service in {@code modelyard}; the configured list only tells the fakes where to listen. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("modelyard.registry.discovery", "kubernetes",
                    "modelyard.registry.kubernetes.namespace", NAMESPACE);
        }
    }

    @KubernetesTestServer
    KubernetesServer mockServer;

    @Inject
    FakeModelServers servers;

    @Inject
    ModelServerDiscovery discovery;

    @Test
    void aModelDeployedBeforeAnyServerIsReadyFollowsTheTritonPodsAsTheyComeAndGo() {
        KubernetesClient client = mockServer.getClient();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(discovery::synced);
        RegistryApi.register("acme", "discovered");
        RegistryApi.setAlias("acme", "discovered", "production", 1);
        String servingName = RegistryApi.servingName("acme", "discovered");
        String first = servers.targets().get(0);
        String second = servers.targets().get(1);
        awaitBackends();

        ready(client, "triton-first", first);
        awaitBackends(first);
        ready(client, "triton-second", second);
        awaitBackends(first, second);
        assertThat(servers.callsFor(servingName)).containsExactly(
                new FakeModelServers.Call(first, "load", servingName), new FakeModelServers.Call(second, "load", servingName));

        client.discovery().v1().endpointSlices().inNamespace(NAMESPACE).withName("triton-first").delete();
        awaitBackends(second);
    }

    /** A slice of the Triton Service with one ready endpoint: the fake server's address and gRPC port. */
    private static void ready(KubernetesClient client, String name, String target) {
        int colon = target.lastIndexOf(':');
        client.discovery().v1().endpointSlices().inNamespace(NAMESPACE).resource(new EndpointSliceBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .addToLabels(EndpointSliceDiscovery.SERVICE_NAME_LABEL, "triton").endMetadata()
                .withAddressType("IPv4")
                .addNewPort().withName("grpc").withPort(Integer.parseInt(target.substring(colon + 1))).endPort()
                .addNewEndpoint().withAddresses(target.substring(0, colon)).withNewConditions().withReady(true)
                .endConditions().endEndpoint()
                .build()).create();
    }

    private static void awaitBackends(String... expected) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                as("acme").get("/v1/models/discovered/serving").then().statusCode(200).extract()
                        .<List<String>>path("backends")).containsExactlyInAnyOrder(expected));
    }
}
