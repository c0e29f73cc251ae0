package dev.modelyard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelyard.bench.dataplane.BenchTenant;
import dev.modelyard.bench.dataplane.FlightProfile;
import dev.modelyard.bench.dataplane.GrpcInferenceCall;
import dev.modelyard.bench.dataplane.HttpInferenceCall;
import dev.modelyard.bench.dataplane.InferenceCall;
import dev.modelyard.bench.dataplane.JvmProbe;
import dev.modelyard.bench.dataplane.LoadGenerator;
import dev.modelyard.bench.dataplane.LoadGenerator.Measurement;
import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.auth.InternalTokens;
import dev.modelyard.common.auth.PemKeys;
import dev.modelyard.launcher.EmbeddedPlatform;
import dev.modelyard.protocols.kserve.InferTensorContents;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.trainer.model.Classifier;
import dev.modelyard.trainer.model.Network;
import dev.modelyard.trainer.model.Standardizer;
import dev.modelyard.trainer.onnx.OnnxExporter;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The data plane's cost: the whole platform started from the built jars on loopback (real PostgreSQL and
 * Keycloak, every service its own JVM), one small ONNX classifier deployed through the gateway, then the
 * same one-row KServe v2 request sent over HTTP/JSON and over gRPC to the model server directly, to the
 * router directly (with an internal token, as the gateway sends it) and through the gateway with an API key,
 * a fixed number of requests per path, one caller and then 16. Prints p50, p99 and throughput side by side,
 * the latency and throughput the gateway and router add over the direct call beside the goals, CPU time and
 * heap allocation per request in each JVM (read from outside through JMX), then a Flight Recorder profile
 * of the gateway and the router under load through the gateway. Recordings stay in bench/target/dataplane.
 */
public final class DataplaneBenchmark {

    /** Gateway on 28080, services on 28081–28085, Keycloak on 28180: clear of the end-to-end tests' 18080. */
    private static final int PORT_BASE = 28080;
    private static final String DATABASE = "modelyard_bench";
    private static final String TENANT = "acme";
    private static final String TENANT_ADMIN = "acme-admin";
    private static final String MODEL = "dataplane";
    private static final int FEATURES = 8;
    private static final int[] CONCURRENCY = {1, 16};
    private static final Map<Integer, Integer> REQUESTS = Map.of(1, 1_500, 16, 6_000);
    /**
     * Each phase's requests are sent in this many slices, the paths taking turns, so that a burst of other
     * work on the shared cores falls on every path alike rather than on whichever ran at the time.
     */
    private static final int SLICES = 5;
    /** Warm-up rounds go on until the JIT compiles less than this in a round (or the rounds run out). */
    private static final long SETTLED_JIT_MILLIS = 1_000;
    private static final int MAX_WARMUP_ROUNDS = 8;
    private static final int WARMUP_REQUESTS = 5_000;
    private static final int PROFILE_REQUESTS = 10_000;
    private static final double ADDED_P50_GOAL_MILLIS = 0.5;
    private static final double THROUGHPUT_GOAL = 0.80;
    private static final List<String> PROBED = List.of("api-gateway", "inference-router", "model-server");
    private static final String DIRECT = "model server";
    private static final String ROUTER = "router";
    private static final String GATEWAY = "gateway";
    private static final String HTTP = "HTTP/JSON";
    private static final String GRPC = "gRPC";

    private DataplaneBenchmark() {
    }

    /** One way to the model: which hop it enters at, over which protocol, and a fresh call for each phase. */
    private record DataPath(String hop, String protocol, Supplier<InferenceCall> calls) {
        String label() {
            return hop + " " + protocol;
        }
    }

    /** One phase's latencies, with the CPU and heap each JVM spent on it. */
    private record Phase(DataPath path, Measurement measurement, Map<String, JvmProbe.Counters> spent,
                         long clientCpuNanos) {

        static Phase combined(List<Phase> slices) {
            Map<String, JvmProbe.Counters> spent = new LinkedHashMap<>();
            slices.forEach(slice -> slice.spent().forEach((name, counters) -> spent.merge(name, counters,
                    JvmProbe.Counters::plus)));
            return new Phase(slices.getFirst().path(), Measurement.combined(slices.stream().map(Phase::measurement).toList()),
                    spent, slices.stream().mapToLong(Phase::clientCpuNanos).sum());
        }
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of("").toAbsolutePath();
        Path output = Files.createDirectories(project.resolve("bench/target/dataplane"));
        System.out.println("The client, gateway, router and model server (and the idle services, PostgreSQL and Keycloak)"
                + " share this machine's cores, so the figures include their contention.");
        Classifier classifier = classifier();
        ObjectMapper json = new ObjectMapper();
        System.out.println("Starting the platform (gateway on " + PORT_BASE + ", database " + DATABASE + ") ...");
        long starting = System.nanoTime();
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(project, output.resolve("platform-home"), PORT_BASE,
                DATABASE)) {
            BenchTenant tenant = new BenchTenant(platform.gatewayUrl(), platform.keycloakUrl(), TENANT);
            BenchTenant.ApiKey key = tenant.prepare(TENANT_ADMIN);
            BenchTenant.Deployment deployment = tenant.deploy(key, MODEL, OnnxExporter.export(classifier),
                    json.valueToTree(OnnxExporter.signature(classifier)));
            System.out.printf(Locale.ROOT, "Platform up and %s@%d deployed in %.0f s; logistic regression, %d FP32 features,"
                            + " one row per request%n", MODEL, deployment.version(), (System.nanoTime() - starting) / 1e9,
                    FEATURES);

            InternalTokens.Signer signer = new InternalTokens.Signer(
                    PemKeys.readPrivate(platform.internalTokenPrivateKey().toString()),
                    "modelyard-gateway", "modelyard-services", Duration.ofMinutes(2));
            Caller caller = new Caller(key.id(), TENANT, Set.of(Caller.TENANT_MEMBER), key.id(), null);
            // Tokens live two minutes; each slice of a phase signs its own, as the gateway renews its tokens.
            Supplier<String> internalToken = () -> "Bearer " + signer.sign(caller);
            String apiKey = "Bearer " + key.secret();

            float[] row = row();
            String body = jsonBody(row);
            URI modelServer = URI.create(platform.serviceUrl("model-server"));
            URI router = URI.create(platform.serviceUrl("inference-router"));
            URI gateway = URI.create(platform.gatewayUrl());
            ManagedChannel modelServerChannel = channel(modelServer);
            ManagedChannel routerChannel = channel(router);
            ManagedChannel gatewayChannel = channel(gateway);
            HttpClient modelServerHttp = HttpInferenceCall.newClient();
            HttpClient routerHttp = HttpInferenceCall.newClient();
            HttpClient gatewayHttp = HttpInferenceCall.newClient();
            List<DataPath> paths = List.of(
                    new DataPath(DIRECT, HTTP, () -> new HttpInferenceCall(modelServerHttp, modelServer.resolve(
                            "/v2/models/" + deployment.servingName() + "/versions/" + deployment.version() + "/infer"),
                            null, body)),
                    new DataPath(ROUTER, HTTP, () -> new HttpInferenceCall(routerHttp,
                            router.resolve("/v2/models/" + MODEL + "/infer"), internalToken.get(), body)),
                    new DataPath(GATEWAY, HTTP, () -> new HttpInferenceCall(gatewayHttp,
                            gateway.resolve("/v2/models/" + MODEL + "/infer"), apiKey, body)),
                    new DataPath(DIRECT, GRPC, () -> new GrpcInferenceCall(modelServerChannel, null,
                            grpcRequest(deployment.servingName(), Integer.toString(deployment.version()), row))),
                    new DataPath(ROUTER, GRPC, () -> new GrpcInferenceCall(routerChannel, internalToken.get(),
                            grpcRequest(MODEL, "", row))),
                    new DataPath(GATEWAY, GRPC, () -> new GrpcInferenceCall(gatewayChannel, apiKey,
                            grpcRequest(MODEL, "", row))));

            Map<String, JvmProbe> probes = new LinkedHashMap<>();
            for (String service : PROBED) {
                probes.put(service, JvmProbe.attach(service, platform.process(service).orElseThrow(
                        () -> new IllegalStateException(service + " does not run"))));
            }
            try {
                warmUp(paths, probes.values());
                List<Phase> phases = new ArrayList<>();
                for (int concurrency : CONCURRENCY) {
                    Map<DataPath, List<Phase>> slices = new LinkedHashMap<>();
                    for (int slice = 0; slice < SLICES; slice++) {
                        for (DataPath path : paths) {
                            slices.computeIfAbsent(path, unused -> new ArrayList<>())
                                    .add(measure(path, concurrency, REQUESTS.get(concurrency) / SLICES, probes));
                        }
                    }
                    slices.values().forEach(parts -> phases.add(Phase.combined(parts)));
                }
                printLatencies(phases);
                printOverhead(phases);
                printCosts(phases);
                profile(paths, probes, output);
            } finally {
                for (JvmProbe probe : probes.values()) {
                    probe.close();
                }
                for (ManagedChannel channel : List.of(modelServerChannel, routerChannel, gatewayChannel)) {
                    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
            }
        }
    }

    /**
     * Rounds of every path at every concurrency until the JIT has settled: the phases must measure compiled
     * code, and on two shared cores the compilers themselves would take CPU from the path being measured.
     */
    private static void warmUp(List<DataPath> paths, Collection<JvmProbe> probes) throws Exception {
        for (int round = 1; round <= MAX_WARMUP_ROUNDS; round++) {
            long compiledBefore = compilationMillis(probes);
            for (DataPath path : paths) {
                for (int concurrency : CONCURRENCY) {
                    // In proportion to the callers, plus a tenth: the single caller still gets enough to compile.
                    LoadGenerator.run(path.calls().get(), concurrency, WARMUP_REQUESTS * concurrency / CONCURRENCY[1]
                            + WARMUP_REQUESTS / 10);
                }
            }
            long compiled = compilationMillis(probes) - compiledBefore;
            System.out.printf(Locale.ROOT, "Warm-up round %d: every path at every concurrency; the JIT compiled %,d ms%n",
                    round, compiled);
            if (compiled < SETTLED_JIT_MILLIS) {
                return;
            }
        }
        System.out.println("The JIT had not settled after the last warm-up round; see the JIT column.");
    }

    private static long compilationMillis(Collection<JvmProbe> probes) {
        return probes.stream().mapToLong(probe -> probe.counters().compilationMillis()).sum();
    }

    private static Phase measure(DataPath path, int concurrency, int requests, Map<String, JvmProbe> probes)
            throws Exception {
        InferenceCall call = path.calls().get();
        Map<String, JvmProbe.Counters> before = new LinkedHashMap<>();
        probes.forEach((name, probe) -> before.put(name, probe.counters()));
        long clientCpu = clientCpuNanos();
        Measurement measurement = LoadGenerator.run(call, concurrency, requests);
        long clientSpent = clientCpuNanos() - clientCpu;
        Map<String, JvmProbe.Counters> spent = new LinkedHashMap<>();
        probes.forEach((name, probe) -> spent.put(name, probe.counters().minus(before.get(name))));
        return new Phase(path, measurement, spent, clientSpent);
    }

    private static void printLatencies(List<Phase> phases) {
        System.out.println();
        System.out.printf(Locale.ROOT, "%-24s %5s %8s %9s %9s %11s%n", "path", "calls", "requests", "p50 ms", "p99 ms",
                "requests/s");
        for (Phase phase : phases) {
            Measurement m = phase.measurement();
            System.out.printf(Locale.ROOT, "%-24s %5d %,8d %9.3f %9.3f %,11.0f%n", phase.path().label(), m.concurrency(),
                    m.requests(), m.p50Millis(), m.p99Millis(), m.throughput());
        }
    }

    /** What the router alone and gateway plus router add over calling the model server directly. */
    private static void printOverhead(List<Phase> phases) {
        System.out.println();
        System.out.printf(Locale.ROOT, "Added over the direct call (goals: ≤ %.1f ms at p50, ≥ %.0f %% of direct throughput)%n",
                ADDED_P50_GOAL_MILLIS, THROUGHPUT_GOAL * 100);
        System.out.printf(Locale.ROOT, "%-24s %5s %12s %12s %16s  %s%n", "path", "calls", "+p50 ms", "+p99 ms",
                "throughput", "goals");
        for (int concurrency : CONCURRENCY) {
            for (String protocol : List.of(HTTP, GRPC)) {
                Measurement direct = find(phases, DIRECT, protocol, concurrency);
                for (String hop : List.of(ROUTER, GATEWAY)) {
                    Measurement via = find(phases, hop, protocol, concurrency);
                    double addedP50 = via.p50Millis() - direct.p50Millis();
                    double ratio = via.throughput() / direct.throughput();
                    System.out.printf(Locale.ROOT, "%-24s %5d %+12.3f %+12.3f %14.0f %%  p50 %s, throughput %s%n",
                            hop + " " + protocol, concurrency, addedP50, via.p99Millis() - direct.p99Millis(),
                            ratio * 100, addedP50 <= ADDED_P50_GOAL_MILLIS ? "met" : "missed",
                            ratio >= THROUGHPUT_GOAL ? "met" : "missed");
                }
            }
        }
    }

    /** CPU time and heap allocation per request in each JVM, the client included; background work counts too. */
    private static void printCosts(List<Phase> phases) {
        System.out.println();
        System.out.println("Per request: CPU µs in each JVM (the cores everything shares) and KB allocated on its heap;"
                + " JIT: ms the three JVMs compiled during the phase");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-24s %5s %6s %8s", "path", "calls", "JIT",
                "client"));
        PROBED.forEach(name -> header.append(String.format(Locale.ROOT, " %17s", name)));
        PROBED.forEach(name -> header.append(String.format(Locale.ROOT, " %17s", "KB " + name)));
        System.out.println(header);
        for (Phase phase : phases) {
            int requests = phase.measurement().requests();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-24s %5d %6d %8.0f", phase.path().label(),
                    phase.measurement().concurrency(),
                    phase.spent().values().stream().mapToLong(JvmProbe.Counters::compilationMillis).sum(),
                    phase.clientCpuNanos() / 1e3 / requests));
            phase.spent().values().forEach(spent -> line.append(String.format(Locale.ROOT, " %17.0f",
                    spent.cpuNanos() / 1e3 / requests)));
            phase.spent().values().forEach(spent -> line.append(String.format(Locale.ROOT, " %17.1f",
                    spent.allocatedBytes() / 1024.0 / requests)));
            System.out.println(line);
        }
    }

    /** Flight Recorder on the gateway and the router while 16 callers go through the gateway, once per protocol. */
    private static void profile(List<DataPath> paths, Map<String, JvmProbe> probes, Path output) throws Exception {
        List<JvmProbe> profiled = List.of(probes.get("api-gateway"), probes.get("inference-router"));
        for (DataPath path : paths.stream().filter(path -> path.hop().equals(GATEWAY)).toList()) {
            System.out.println();
            System.out.printf(Locale.ROOT, "Profile (JFR, CPU samples every 1 ms, waits over 100 µs): %,d requests through"
                    + " the %s at 16 callers%n", PROFILE_REQUESTS, path.label());
            profiled.forEach(JvmProbe::startRecording);
            Measurement measurement = LoadGenerator.run(path.calls().get(), 16, PROFILE_REQUESTS);
            System.out.printf(Locale.ROOT, "(while recording: p50 %.3f ms, %,.0f requests/s)%n", measurement.p50Millis(),
                    measurement.throughput());
            for (JvmProbe probe : profiled) {
                Path recording = output.resolve(probe.name() + "-" + (path.protocol().equals(GRPC) ? "grpc" : "http")
                        + ".jfr");
                probe.stopRecording(recording);
                FlightProfile.read(recording).print(System.out, probe.name() + " (" + recording + ")", 10);
            }
        }
    }

    private static Measurement find(List<Phase> phases, String hop, String protocol, int concurrency) {
        return phases.stream().filter(phase -> phase.path().hop().equals(hop) && phase.path().protocol().equals(protocol)
                        && phase.measurement().concurrency() == concurrency)
                .findFirst().orElseThrow().measurement();
    }

    private static long clientCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static ManagedChannel channel(URI uri) {
        return NettyChannelBuilder.forAddress(uri.getHost(), uri.getPort()).usePlaintext().build();
    }

    private static ModelInferRequest grpcRequest(String model, String version, float[] row) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        for (float value : row) {
            contents.addFp32Contents(value);
        }
        return ModelInferRequest.newBuilder().setModelName(model).setModelVersion(version)
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("features").setDatatype("FP32")
                        .addShape(1).addShape(row.length).setContents(contents))
                .build();
    }

    private static String jsonBody(float[] row) {
        StringBuilder data = new StringBuilder();
        for (float value : row) {
            data.append(data.isEmpty() ? "" : ",").append(value);
        }
        return "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1," + row.length + "],\"data\":["
                + data + "]}]}";
    }

    private static float[] row() {
        SplittableRandom random = new SplittableRandom(11);
        float[] row = new float[FEATURES];
        for (int i = 0; i < FEATURES; i++) {
            row[i] = (float) random.nextGaussian();
        }
        return row;
    }

    /** A logistic regression (no hidden layer), as small as a model gets: the data plane's cost shows. */
    private static Classifier classifier() {
        SplittableRandom random = new SplittableRandom(7);
        double[][] sample = new double[100][FEATURES];
        for (double[] values : sample) {
            Arrays.setAll(values, i -> random.nextGaussian());
        }
        return new Classifier(IntStream.range(0, FEATURES).mapToObj(i -> "x" + i).toList(), List.of(),
                List.of("no", "yes"), Standardizer.fit(sample), Network.initialized(FEATURES, List.of(), 2, random));
    }
}
