package dev.modelyard.registry.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.registry.deploy.Placement;
import dev.modelyard.registry.deploy.PlacementChange;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The model servers as the Triton Service's EndpointSlices name them, on fabric8's mock API server. */
@EnableKubernetesMockClient(crud = true)
class EndpointSliceDiscoveryTest {

    private static final String NAMESPACE = "modelyard";

    KubernetesClient client;
    KubernetesMockServer server;

    private EndpointSliceDiscovery discovery;
    private final List<List<String>> changes = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (discovery != null) {
            discovery.close();
        }
    }

    @Test
    void followsTheReadyEndpointsOfTheServiceAndPlacesModelsAgainWhenTheyChange() {
        create(slice("triton-a", "triton", "grpc", 8001, endpoint("10.1.0.1", true), endpoint("10.1.0.2", null),
                endpoint("10.1.0.9", false)));
        create(slice("triton-b", "triton", "grpc", 8001, endpoint("10.1.0.3", true)));
        // Another Service's slice, and a slice of this Service without the gRPC port: neither names a server.
        create(slice("keycloak-a", "keycloak", "grpc", 8001, endpoint("10.2.0.1", true)));
        create(slice("triton-c", "triton", "metrics", 8002, endpoint("10.1.0.4", true)));

        start();
        List<String> three = List.of("10.1.0.1:8001", "10.1.0.2:8001", "10.1.0.3:8001");
        awaitTargets(three);
        assertThat(changes).containsExactly(three);

        // A fourth Triton pod becomes ready: models whose placement now includes it load on it, and only those.
        create(slice("triton-b", "triton", "grpc", 8001, endpoint("10.1.0.3", true), endpoint("10.1.0.5", true)));
        List<String> four = List.of("10.1.0.1:8001", "10.1.0.2:8001", "10.1.0.3:8001", "10.1.0.5:8001");
        awaitTargets(four);
        for (String model : models()) {
            List<String> before = Placement.choose(model, three, 2);
            PlacementChange change = PlacementChange.of(model, four, 2, before, Set.of());
            assertThat(change.load()).isSubsetOf("10.1.0.5:8001");
            assertThat(change.settle(Set.of()).unload()).hasSizeLessThanOrEqualTo(change.load().size());
        }

        // A pod goes away with its slice: its models move to the others, and nobody tells the lost server anything.
        client.discovery().v1().endpointSlices().inNamespace(NAMESPACE).withName("triton-a").delete();
        List<String> two = List.of("10.1.0.3:8001", "10.1.0.5:8001");
        awaitTargets(two);
        for (String model : models()) {
            PlacementChange change = PlacementChange.of(model, two, 2, Placement.choose(model, four, 2), Set.of());
            PlacementChange.Outcome outcome = change.settle(Set.of());
            assertThat(outcome.placement()).isEqualTo(two);
            assertThat(outcome.unload()).isEmpty();
        }
        assertThat(changes).containsExactly(three, four, two);
    }

    @Test
    void aTerminatingEndpointIsNoLongerATarget() {
        create(slice("triton-a", "triton", "grpc", 8001, endpoint("10.1.0.1", true), endpoint("10.1.0.2", true)));
        start();
        awaitTargets(List.of("10.1.0.1:8001", "10.1.0.2:8001"));

        create(slice("triton-a", "triton", "grpc", 8001, endpoint("10.1.0.1", true), endpoint("10.1.0.2", false)));

        awaitTargets(List.of("10.1.0.1:8001"));
    }

    @Test
    void aRefusedFirstListIsTriedAgain() {
        create(slice("triton-a", "triton", "grpc", 8001, endpoint("10.1.0.1", true)));
        server.expect().get().withPath("/apis/discovery.k8s.io/v1/namespaces/" + NAMESPACE
                        + "/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dtriton&resourceVersion=0")
                .andReturn(403, "endpointslices is forbidden").once();

        start();

        awaitTargets(List.of("10.1.0.1:8001"));
        assertThat(changes).containsExactly(List.of("10.1.0.1:8001"));
    }

    @Test
    void ipv6AddressesAreBracketed() {
        EndpointSlice slice = new EndpointSliceBuilder(slice("triton-a", "triton", "grpc", 8001,
                endpoint("fd00::1", true))).withAddressType("IPv6").build();

        assertThat(EndpointSliceDiscovery.targetsOf(List.of(slice), "grpc")).containsExactly("[fd00::1]:8001");
    }

    private void start() {
        discovery = EndpointSliceDiscovery.start(client, config());
        discovery.onChange(changes::add);
    }

    private void awaitTargets(List<String> expected) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(discovery.synced()).isTrue();
            assertThat(discovery.targets()).isEqualTo(expected);
        });
    }

    private void create(EndpointSlice slice) {
        client.discovery().v1().endpointSlices().inNamespace(NAMESPACE).resource(slice).createOr(s -> s.update());
    }

    private static EndpointSlice slice(String name, String service, String portName, int port,
                                       Endpoint... endpoints) {
        return new EndpointSliceBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .addToLabels(EndpointSliceDiscovery.SERVICE_NAME_LABEL, service).endMetadata()
                .withAddressType("IPv4")
                .addNewPort().withName(portName).withPort(port).withProtocol("TCP").endPort()
                .withEndpoints(endpoints)
                .build();
    }

    private static Endpoint endpoint(String address, Boolean ready) {
        return new EndpointBuilder().withAddresses(address).withNewConditions().withReady(ready).endConditions().build();
    }

    private static List<String> models() {
        return IntStream.range(0, 100).mapToObj(i -> "rm-" + i).toList();
    }

    private static DiscoveryConfig.Kubernetes config() {
        return new DiscoveryConfig.Kubernetes() {
            @Override
            public Optional<String> namespace() {
                return Optional.of(NAMESPACE);
            }

            @Override
            public String service() {
                return "triton";
            }

            @Override
            public String portName() {
                return "grpc";
            }

            @Override
            public Duration resyncInterval() {
                return Duration.ofMinutes(1);
            }
        };
    }
}
