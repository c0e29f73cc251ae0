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
 * to Triton; the orchestrator manages Jobs only in the training namespace; the registry may read nothing of the
 * cluster but the EndpointSlices it discovers Triton from; the router's usage spool survives the loss of its pod.
 */
class KubernetesManifestsTest {

    private static final Path PROJECT = Path.of(System.getProperty("modelyard.project.dir", ".."));
    private static final Set<String> SERVICES = Set.of(
            "api-gateway", "privacy", "training-orchestrator", "model-registry", "inference-router");
    /** Namespaces whose pods may reach into modelyard besides the ingress controller: scraping and the DB operator. */
    private static final Set<String> INFRASTRUCTURE_NAMESPACES = Set.of("monitoring", "cnpg-system");
    /** The router's {@code modelyard.router.metering.spool.directory} under {@code MODELYARD_HOME}. */
    private static final String USAGE_SPOOL = "/var/lib/modelyard/router/usage-spool";

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerHasLimitsProbesAndRunsUnprivileged(String overlay) {
        List<JsonNode> workloads = workloads(render(overlay));
        assertTrue(workloads.size() >= 7, "gateway, four services, Keycloak and Triton");
        for (JsonNode workload : workloads) {
            String name = name(workload);
            JsonNode pod = workload.at("/spec/template/spec");
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
        for (JsonNode workload : workloads) {
            if (SERVICES.contains(name(workload))) {
                JsonNode container = workload.at("/spec/template/spec/containers/0");
                assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean(), name(workload) + " read-only root");
                assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
                assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceSelectsPodsAndEveryWorkloadHasADisruptionBudget(String overlay) {
        List<JsonNode> objects = render(overlay);
        List<JsonNode> workloads = workloads(objects);
        for (JsonNode service : ofKind(objects, "Service")) {
            JsonNode selector = service.at("/spec/selector");
            assertTrue(workloads.stream().anyMatch(d -> matches(selector, d.at("/spec/template/metadata/labels"))),
                    "service " + name(service) + " selects a workload's pods");
        }
        Set<String> budgeted = new HashSet<>();
        ofKind(objects, "PodDisruptionBudget").forEach(pdb -> workloads.stream()
                .filter(d -> matches(pdb.at("/spec/selector/matchLabels"), d.at("/spec/template/metadata/labels")))
                .forEach(d -> budgeted.add(name(d))));
        assertEquals(names(workloads), budgeted, "every workload has a PodDisruptionBudget");
        Set<String> scaled = new TreeSet<>();
        for (JsonNode hpa : ofKind(objects, "HorizontalPodAutoscaler")) {
            JsonNode target = hpa.at("/spec/scaleTargetRef");
            scaled.add(target.path("name").asText());
            assertTrue(workloads.stream().anyMatch(w -> name(w).equals(target.path("name").asText())
                    && kind(w).equals(target.path("kind").asText())), name(hpa) + " scales an existing workload");
        }
        assertEquals(Set.of("api-gateway", "inference-router"), scaled, "the request path autoscales");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theRegistryDiscoversTritonThroughARoleScopedToEndpointSlices(String overlay) {
        List<JsonNode> objects = render(overlay);
        List<JsonNode> grants = Stream.concat(ofKind(objects, "Role").stream(), ofKind(objects, "ClusterRole").stream())
                .filter(role -> role.path("rules").findValues("resources").stream()
                        .anyMatch(resources -> texts(resources).contains("endpointslices")))
                .toList();
        assertEquals(1, grants.size(), "one role reads EndpointSlices");
        JsonNode role = grants.getFirst();
        assertEquals("Role", role.path("kind").asText(), "EndpointSlices are read in one namespace only");
        assertEquals("modelyard", namespace(role));
        for (JsonNode rule : role.path("rules")) {
            assertEquals(Set.of("discovery.k8s.io"), texts(rule.path("apiGroups")));
            assertEquals(Set.of("endpointslices"), texts(rule.path("resources")));
            assertEquals(Set.of("get", "list", "watch"), texts(rule.path("verbs")));
            assertTrue(rule.path("resourceNames").isMissingNode(), "informers list, so names cannot narrow it");
        }
        JsonNode registry = workload(objects, "model-registry");
        String account = registry.at("/spec/template/spec/serviceAccountName").asText();
        assertTrue(registry.at("/spec/template/spec/automountServiceAccountToken").asBoolean(true),
                "the registry gets its token");
        assertTrue(ofKind(objects, "RoleBinding").stream().anyMatch(binding ->
                        name(role).equals(binding.at("/roleRef/name").asText())
                                && "Role".equals(binding.at("/roleRef/kind").asText())
                                && "modelyard".equals(namespace(binding))
                                && binding.path("subjects").findValuesAsText("name").contains(account)),
                "the role is bound to the registry's service account " + account);
        assertTrue(ofKind(objects, "RoleBinding").stream().noneMatch(binding ->
                        name(role).equals(binding.at("/roleRef/name").asText())
                                && !binding.path("subjects").findValuesAsText("name").equals(List.of(account))),
                "nobody else gets the registry's role");

        JsonNode env = registry.at("/spec/template/spec/containers/0/env");
        assertEquals("kubernetes", env(env, "MODELYARD_REGISTRY_DISCOVERY"));
        JsonNode triton = ofKind(objects, "Service").stream()
                .filter(service -> name(service).equals(env(env, "MODELYARD_REGISTRY_KUBERNETES_SERVICE"))
                        && "modelyard".equals(namespace(service)))
                .findFirst().orElseThrow(() -> new AssertionError("the registry watches an existing Service"));
        assertTrue(triton.path("spec").path("ports").findValuesAsText("name")
                .contains(env(env, "MODELYARD_REGISTRY_KUBERNETES_PORT_NAME")), "the Service has the gRPC port by name");
        assertTrue(matches(triton.at("/spec/selector"), workload(objects, "triton").at("/spec/template/metadata/labels")),
                "the Service selects Triton's pods");
        assertEquals("", env(env, "MODELYARD_REGISTRY_MODEL_SERVERS"), "no fixed list beside discovery");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theRoutersUsageSpoolIsOnAClaimOfItsOwn(String overlay) {
        JsonNode router = workload(render(overlay), "inference-router");
        assertEquals("StatefulSet", kind(router), "each router replica keeps its claim");
        JsonNode container = router.at("/spec/template/spec/containers/0");
        JsonNode spoolMount = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            String path = mount.path("mountPath").asText();
            if ((USAGE_SPOOL.equals(path) || USAGE_SPOOL.startsWith(path + "/"))
                    && (spoolMount == null || path.length() > spoolMount.path("mountPath").asText().length())) {
                spoolMount = mount;
            }
        }
        assertTrue(spoolMount != null, "the spool directory is on a volume");
        assertTrue(names(toList(router.at("/spec/volumeClaimTemplates")))
                .contains(spoolMount.path("name").asText()), "the spool's volume is a volumeClaimTemplate");
        assertEquals("Retain", router.at("/spec/persistentVolumeClaimRetentionPolicy/whenScaled").asText("Retain"),
                "a scaled-down replica's undelivered events wait on its claim");
        JsonNode env = container.path("env");
        assertEquals("placements", env(env, "MODELYARD_ROUTER_BACKEND_DISCOVERY"));
        assertEquals("", env(env, "MODELYARD_ROUTER_MODEL_SERVERS"), "the placements name every backend");
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

    /** Deployments and StatefulSets: what runs the platform's pods. */
    private static List<JsonNode> workloads(List<JsonNode> objects) {
        return Stream.concat(ofKind(objects, "Deployment").stream(), ofKind(objects, "StatefulSet").stream()).toList();
    }

    private static JsonNode workload(List<JsonNode> objects, String name) {
        return workloads(objects).stream().filter(w -> name.equals(name(w))).findFirst()
                .orElseThrow(() -> new AssertionError("no workload " + name));
    }

    /** An environment variable's literal value, or "" when the container does not set it. */
    private static String env(JsonNode env, String name) {
        for (JsonNode variable : env) {
            if (name.equals(variable.path("name").asText())) {
                return variable.path("value").asText();
            }
        }
        return "";
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    private static String kind(JsonNode object) {
        return object.path("kind").asText();
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
