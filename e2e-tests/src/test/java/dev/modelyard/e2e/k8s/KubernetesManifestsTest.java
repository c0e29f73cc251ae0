package dev.modelyard.e2e.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders each kustomize overlay with {@code kubectl kustomize}, as an operator would, and checks the
 * invariants the platform promises of its manifests: every container is bounded, probed and unprivileged;
 * only the gateway and Keycloak's login pages are reachable from outside; only the router sends inference
 * to Triton; the orchestrator manages Jobs only in the training namespace.
 */
class KubernetesManifestsTest {

    private static final Path PROJECT = Path.of(System.getProperty("modelyard.project.dir", ".."));
    private static final Set<String> SERVICES = Set.of(
            "api-gateway", "privacy", "training-orchestrator", "model-registry", "inference-router");
    /** Namespaces whose pods may reach into modelyard besides the ingress controller: scraping and the DB operator. */
    private static final Set<String> INFRASTRUCTURE_NAMESPACES = Set.of("monitoring", "cnpg-system");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasLimitsProbesAndRunsUnprivileged(String overlay) {
        List<JsonNode> deployments = ofKind(render(overlay), "Deployment");
        assertTrue(deployments.size() >= 7, "gateway, four services, Keycloak and Triton");
        for (JsonNode deployment : deployments) {
            String name = name(deployment);
            JsonNode pod = deployment.at("/spec/template/spec");
            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), name + " runs as non-root");
            assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText(), name + " seccomp");
            for (JsonNode container : pod.path("containers")) {
                String where = name + "/" + container.path("name").asText();
                for (String resource : List.of("cpu", "memory")) {
                    assertFalse(container.at("/resources/limits/" + resource).isMissingNode(), where + " limits " + resource);
                    assertFalse(container.at("/resources/requests/" + resource).isMissingNode(), where + " requests " + resource);
                }
                for (String probe : List.of("livenessProbe", "readinessProbe")) {
                    assertTrue(container.has(probe), where + " has a " + probe);
                }
                assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true),
                        where + " forbids privilege escalation");
                assertTrue(texts(container.at("/securityContext/capabilities/drop")).contains("ALL"), where + " drops capabilities");
            }
        }
        for (JsonNode deployment : deployments) {
            if (SERVICES.contains(name(deployment))) {
                JsonNode container = deployment.at("/spec/template/spec/containers/0");
                assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean(), name(deployment) + " read-only root");
                assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
                assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceSelectsPodsAndEveryDeploymentHasADisruptionBudget(String overlay) {
        List<JsonNode> objects = render(overlay);
        List<JsonNode> deployments = ofKind(objects, "Deployment");
        for (JsonNode service : ofKind(objects, "Service")) {
            JsonNode selector = service.at("/spec/selector");
            assertTrue(deployments.stream().anyMatch(d -> matches(selector, d.at("/spec/template/metadata/labels"))),
                    "service " + name(service) + " selects a Deployment's pods");
        }
        Set<String> budgeted = new HashSet<>();
        ofKind(objects, "PodDisruptionBudget").forEach(pdb -> deployments.stream()
                .filter(d -> matches(pdb.at("/spec/selector/matchLabels"), d.at("/spec/template/metadata/labels")))
                .forEach(d -> budgeted.add(name(d))));
        assertEquals(names(deployments), budgeted, "every Deployment has a PodDisruptionBudget");
        Set<String> scaled = new TreeSet<>();
        ofKind(objects, "HorizontalPodAutoscaler").forEach(hpa -> scaled.add(hpa.at("/spec/scaleTargetRef/name").asText()));
        assertEquals(Set.of("api-gateway", "inference-router"), scaled, "the request path autoscales");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheGatewayAndLoginPagesAreReachableFromOutside(String overlay) {
        List<JsonNode> policies = ofKind(render(overlay), "NetworkPolicy");
        assertTrue(policies.stream().anyMatch(p -> "modelyard".equals(namespace(p))
                        && p.at("/spec/podSelector").isEmpty() && !p.at("/spec/policyTypes").isEmpty()
                        && p.at("/spec/ingress").isMissingNode()),
                "modelyard denies all ingress by default");
        Set<String> reachableFromOutside = new TreeSet<>();
        for (JsonNode policy : policies) {
            for (JsonNode rule : policy.at("/spec/ingress")) {
                for (JsonNode peer : rule.path("from")) {
                    String fromNamespace = peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText(null);
                    if (peer.has("ipBlock") || (peer.has("namespaceSelector") && fromNamespace == null)) {
                        fail(name(policy) + " admits traffic from anywhere");
                    }
                    if (fromNamespace != null && !INFRASTRUCTURE_NAMESPACES.contains(fromNamespace)) {
                        reachableFromOutside.add(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText());
                    }
                }
            }
        }
        assertEquals(Set.of("api-gateway", "keycloak"), reachableFromOutside);
        JsonNode ingress = ofKind(render(overlay), "Ingress").getFirst();
        Set<String> backends = new TreeSet<>();
        ingress.at("/spec/rules").forEach(r -> r.at("/http/paths").forEach(p -> backends.add(p.at("/backend/service/name").asText())));
        assertEquals(Set.of("api-gateway", "keycloak"), backends);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheRouterSendsInferenceToTriton(String overlay) {
        Set<String> inferenceClients = new TreeSet<>();
        for (JsonNode policy : ofKind(render(overlay), "NetworkPolicy")) {
            if (!"triton".equals(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText())) {
                continue;
            }
            for (JsonNode rule : policy.at("/spec/ingress")) {
                Set<Integer> ports = new HashSet<>();
                rule.path("ports").forEach(p -> ports.add(p.path("port").asInt()));
                rule.path("from").forEach(peer -> {
                    String client = peer.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText();
                    if (ports.contains(8000)) {
                        inferenceClients.add(client);
                    }
                    if (!client.equals("inference-router")) {
                        assertEquals(Set.of(8001), ports, client + " may reach Triton's gRPC port only (repository control)");
                    }
                });
            }
        }
        assertEquals(Set.of("inference-router"), inferenceClients);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theOrchestratorManagesJobsOnlyInTheTrainingNamespace(String overlay) {
        List<JsonNode> objects = render(overlay);
        for (JsonNode role : Stream.concat(ofKind(objects, "Role").stream(), ofKind(objects, "ClusterRole").stream()).toList()) {
            for (JsonNode rule : role.path("rules")) {
                if (texts(rule.path("resources")).contains("jobs") || texts(rule.path("resources")).contains("pods")) {
                    assertEquals("Role", role.path("kind").asText(), name(role) + " grants jobs/pods cluster-wide");
                    assertEquals("modelyard-training", namespace(role));
                }
            }
        }
        JsonNode training = ofKind(objects, "NetworkPolicy").stream()
                .filter(p -> "modelyard-training".equals(namespace(p))).findFirst().orElseThrow();
        assertEquals(Set.of("Ingress", "Egress"), texts(training.at("/spec/policyTypes")), "training pods are cut off");
        assertTrue(training.at("/spec/ingress").isMissingNode() && training.at("/spec/egress").isMissingNode());
        List<JsonNode> queues = ofKind(objects, "ClusterQueue");
        assertFalse(queues.isEmpty());
        queues.forEach(q -> assertEquals("modelyard", q.at("/spec/cohort").asText(), name(q) + " borrows within the cohort"));
        Set<String> flavors = names(ofKind(objects, "ResourceFlavor"));
        queues.forEach(q -> q.at("/spec/resourceGroups").forEach(g -> g.path("flavors").forEach(f ->
                assertTrue(flavors.contains(f.path("name").asText()), name(q) + " uses a defined flavor"))));
    }

    private static List<JsonNode> render(String overlay) {
        Path output;
        try {
            output = java.nio.file.Files.createTempFile("modelyard-" + overlay, ".yaml");
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", PROJECT.resolve("k8s/overlays/" + overlay).toString())
                    .redirectOutput(output.toFile()).redirectErrorStream(false).start();
            if (!kubectl.waitFor(60, TimeUnit.SECONDS)) {
                kubectl.destroyForcibly();
                fail("kubectl kustomize did not finish");
            }
            String errors = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, kubectl.exitValue(), "kubectl kustomize k8s/overlays/" + overlay + ": " + errors);
            YAMLParser parser = new YAMLFactory().createParser(output.toFile());
            List<JsonNode> objects = new ArrayList<>();
            new ObjectMapper().readValues(parser, JsonNode.class).forEachRemaining(objects::add);
            java.nio.file.Files.delete(output);
            return objects;
        } catch (IOException e) {
            throw new AssertionError("kubectl (with kustomize) must be installed to render k8s/: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    private static String name(JsonNode object) {
        return object.at("/metadata/name").asText();
    }

    private static String namespace(JsonNode object) {
        return object.at("/metadata/namespace").asText();
    }

    private static Set<String> names(List<JsonNode> objects) {
        Set<String> names = new TreeSet<>();
        objects.forEach(o -> names.add(name(o)));
        return names;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        (array == null ? MissingNode.getInstance() : array).forEach(t -> texts.add(t.asText()));
        return texts;
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector.isMissingNode() || selector.isEmpty()) {
            return false;
        }
        for (var entry : selector.properties()) {
            if (!entry.getValue().asText().equals(labels.path(entry.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }
}
