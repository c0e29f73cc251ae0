package dev.modelyard.router.backend;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.protocols.kserve.ModelReadyRequest;
import dev.modelyard.protocols.kserve.ServerReadyRequest;
import dev.modelyard.router.admission.FairQueue;
import dev.modelyard.router.routing.RetryBudget;
import dev.modelyard.router.routing.RoutingConfig;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.netty.channel.EventLoopGroup;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The model servers, over KServe v2 gRPC. A call goes to one of the backends its model is placed on, taken
 * in turn among those available (ready, breaker not open, model not known to be missing); a connection
 * error, UNAVAILABLE or a model not loaded there moves it to the next one, at most
 * {@code max-retries} times and only while the router-wide retry budget lasts. Each backend's circuit
 * breaker counts failures passively; a scheduled check asks every backend ServerReady, and ModelReady for
 * the models recently sent to it. Every backend has one channel per event loop and one for calls from elsewhere,
 * each made the first time it is needed.
 */
@ApplicationScoped
public class ModelServers {

    private static final Logger LOG = Logger.getLogger(ModelServers.class);
    private static final String NOT_LOADED = "model-not-loaded";
    /** Models called within this long get ModelReady checks. */
    private static final long RECENT_NANOS = Duration.ofMinutes(5).toNanos();

    private final BackendDiscovery discovery;
    private final RoutingConfig config;
    private final RetryBudget retries;
    private final EventLoopGroup eventLoops;
    private final Map<String, Backend> backends = new ConcurrentHashMap<>();
    private final AtomicInteger turn = new AtomicInteger();
    private final ScheduledExecutorService healthChecks;

    @Inject
    public ModelServers(BackendDiscovery discovery, RoutingConfig config, Vertx vertx) {
        this(discovery, config, vertx.nettyEventLoopGroup());
    }

    /** @param eventLoops where calls arrive, each of which gets its own channel to every backend */
    ModelServers(BackendDiscovery discovery, RoutingConfig config, EventLoopGroup eventLoops) {
        this.discovery = discovery;
        this.config = config;
        this.eventLoops = eventLoops;
        this.retries = new RetryBudget(config.retriesPerSecond(), System::nanoTime);
        discovery.targets().forEach(this::backend);
        this.healthChecks = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("model-server-health").factory());
        long interval = config.healthInterval().toNanos();
        healthChecks.scheduleWithFixedDelay(this::checkHealth, interval, interval, TimeUnit.NANOSECONDS);
    }

    /**
     * Sends the call without holding a thread while it waits for a slot or an answer; the future completes on
     * the thread that answers (a backend channel's network thread, or the one that freed a queue slot).
     *
     * @param placement     the backends the registry placed the model on; empty means any discovered one
     * @param request       names the serving name and version already
     * @param deadlineNanos when the caller stops waiting ({@link System#nanoTime()}); the backends get it as
     *                      their gRPC deadline, waiting in a queue included
     * @return the answer, or a {@link PlatformException} as the failure
     */
    public CompletableFuture<ModelInferResponse> infer(String tenant, List<String> placement, ModelInferRequest request,
                                                       long deadlineNanos) {
        String model = request.getModelName() + "/" + request.getModelVersion();
        Call call = new Call(tenant, placement, model, request, deadlineNanos, candidates(placement, model).iterator());
        CompletableFuture<ModelInferResponse> answer = new CompletableFuture<>();
        attempt(call, 0, null, answer);
        return answer;
    }

    /** One inference on its way through the candidates. */
    private record Call(String tenant, List<String> placement, String model, ModelInferRequest request,
                        long deadlineNanos, Iterator<Backend> candidates) {
    }

    /**
     * Sends the call to the next candidate its breaker lets through, unless the retries are used up; a failure
     * worth another backend comes back here, so failover is one more attempt, never a blocked thread.
     */
    private void attempt(Call call, int attempts, PlatformException failure, CompletableFuture<ModelInferResponse> answer) {
        while (call.candidates().hasNext()) {
            Backend backend = call.candidates().next();
            if (attempts > 0 && (attempts > config.maxRetries() || System.nanoTime() - call.deadlineNanos() >= 0
                    || !retries.tryAcquire())) {
                break;
            }
            if (!backend.breaker().tryAcquire()) {
                continue;
            }
            backend.used(call.model(), System.nanoTime());
            backend.queue().acquireAsync(call.tenant(), call.deadlineNanos()).whenComplete((permit, refused) -> {
                if (refused != null) {
                    backend.breaker().onIgnored();
                    answer.completeExceptionally(refused);
                    return;
                }
                CompletableFuture<ModelInferResponse> sent;
                try {
                    sent = backend.infer(call.request(), call.deadlineNanos());
                } catch (RuntimeException e) {
                    sent = CompletableFuture.failedFuture(e);
                }
                sent.whenComplete((response, error) -> {
                    permit.close();
                    if (error == null) {
                        backend.breaker().onSuccess();
                        answer.complete(response);
                    } else {
                        failed(call, backend, attempts + 1, error, answer);
                    }
                });
            });
            return;
        }
        answer.completeExceptionally(failure == null ? noneAvailable(call.placement()) : failure);
    }

    private void failed(Call call, Backend backend, int attempts, Throwable error,
                        CompletableFuture<ModelInferResponse> answer) {
        if (!(error instanceof StatusRuntimeException || error instanceof StatusException)) {
            backend.breaker().onIgnored();
            answer.completeExceptionally(error);
            return;
        }
        Status status = Status.fromThrowable(error);
        countOutcome(backend, status.getCode(), call.model());
        PlatformException failure = failure(status);
        if (worthAnotherBackend(status.getCode())) {
            attempt(call, attempts, failure, answer);
        } else {
            answer.completeExceptionally(failure);
        }
    }

    /** Whether some available backend of the placement has this version loaded. */
    public boolean ready(List<String> placement, String servingName, String servingVersion) {
        String model = servingName + "/" + servingVersion;
        ModelReadyRequest request = ModelReadyRequest.newBuilder().setName(servingName).setVersion(servingVersion).build();
        for (Backend backend : candidates(placement, model)) {
            try {
                boolean ready = backend.stub().withDeadlineAfter(config.healthTimeout().toNanos(), TimeUnit.NANOSECONDS)
                        .modelReady(request).getReady();
                backend.modelReady(model, ready);
                if (ready) {
                    return true;
                }
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                    backend.modelReady(model, false);
                }
            }
        }
        return false;
    }

    /**
     * Asks every available backend of the placement about a model (ModelConfig, ModelStatistics) within the
     * health-check timeout; the answers of those that gave one, nothing from a backend that failed.
     */
    public <T> List<T> askEach(List<String> placement, Function<GRPCInferenceServiceBlockingStub, T> question) {
        List<T> answers = new ArrayList<>();
        for (Backend backend : candidates(placement, "")) {
            try {
                answers.add(question.apply(backend.stub()
                        .withDeadlineAfter(config.healthTimeout().toNanos(), TimeUnit.NANOSECONDS)));
            } catch (StatusRuntimeException e) {
                LOG.debugf("Model server %s did not answer: %s", backend.target(), e.getStatus());
            }
        }
        return answers;
    }

    /** The breaker state of a backend the router knows, for diagnostics and tests. */
    public CircuitBreaker.State breakerState(String target) {
        return backend(target).breaker().state();
    }

    /** Whether the router holds a channel to this backend now. */
    boolean knows(String target) {
        return backends.containsKey(target);
    }

    /** Whether the last health check found the backend ready. */
    public boolean serverReady(String target) {
        return backend(target).serverReady();
    }

    /** Available backends of the placement, in this call's turn, those not known to lack the model first. */
    private List<Backend> candidates(List<String> placement, String model) {
        List<String> targets = placement.isEmpty() ? discovery.targets() : placement;
        int start = Math.floorMod(turn.getAndIncrement(), Math.max(1, targets.size()));
        List<Backend> rotated = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            Backend backend = backend(targets.get((start + i) % targets.size()));
            if (backend.available()) {
                rotated.add(backend);
            }
        }
        rotated.sort(Comparator.comparing(backend -> !backend.modelReady(model)));
        return rotated;
    }

    private Backend backend(String target) {
        return backends.computeIfAbsent(target, t -> new Backend(t, eventLoops,
                new CircuitBreaker(config.breaker().window(), config.breaker().minimumCalls(),
                        config.breaker().failureRatio(), config.breaker().openFor(), System::nanoTime),
                new FairQueue(config.backendConcurrency(), config.maxQueuedPerTenant())));
    }

    /** Failures that say the backend is in trouble feed its breaker; answers about the call itself do not. */
    private static void countOutcome(Backend backend, Status.Code code, String model) {
        switch (code) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, UNKNOWN -> backend.breaker().onFailure();
            case NOT_FOUND -> {
                backend.modelReady(model, false);
                backend.breaker().onSuccess();
            }
            default -> backend.breaker().onIgnored();
        }
    }

    /** The call never ran there (no connection, server draining, model not loaded, queue full): safe to send elsewhere. */
    private static boolean worthAnotherBackend(Status.Code code) {
        return code == Status.Code.UNAVAILABLE || code == Status.Code.NOT_FOUND || code == Status.Code.RESOURCE_EXHAUSTED;
    }

    private PlatformException noneAvailable(List<String> placement) {
        List<String> targets = placement.isEmpty() ? discovery.targets() : placement;
        long waitNanos = targets.stream().map(this::backend)
                .mapToLong(b -> b.serverReady() ? b.breaker().retryAfter().toNanos() : config.healthInterval().toNanos())
                .min().orElse(config.healthInterval().toNanos());
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
        return new PlatformException(503, "no-model-server-available", "No model server available",
                "None of the " + targets.size() + " model servers serving this model can take calls now; try again in "
                        + seconds + " s", List.of(), Map.of("Retry-After", Long.toString(seconds)));
    }

    void checkHealth() {
        List<String> discovered = discovery.targets();
        discovered.forEach(this::backend);
        long since = System.nanoTime() - RECENT_NANOS;
        for (Backend backend : backends.values()) {
            Set<String> recentModels = backend.recentModels(since);
            if (forgettable(backend, discovered, recentModels)) {
                backends.remove(backend.target(), backend);
                backend.close();
                LOG.infof("Forgot model server %s: not ready, not discovered and not called for %d min",
                        backend.target(), TimeUnit.NANOSECONDS.toMinutes(RECENT_NANOS));
                continue;
            }
            try {
                boolean ready = backend.stub().withDeadlineAfter(config.healthTimeout().toNanos(), TimeUnit.NANOSECONDS)
                        .serverReady(ServerReadyRequest.getDefaultInstance()).getReady();
                serverReady(backend, ready);
                if (ready) {
                    for (String model : recentModels) {
                        int slash = model.lastIndexOf('/');
                        ready(List.of(backend.target()), model.substring(0, slash), model.substring(slash + 1));
                    }
                }
            } catch (StatusRuntimeException e) {
                serverReady(backend, false);
            } catch (RuntimeException e) {
                LOG.warnf(e, "Health check of model server %s failed", backend.target());
            }
        }
    }

    /**
     * A backend only a placement named, which no longer answers and has had no calls for a while: on Kubernetes,
     * a model server pod that is gone (placements name pods by address). A later placement naming it again
     * brings it back.
     */
    private static boolean forgettable(Backend backend, List<String> discovered, Set<String> recentModels) {
        return !backend.serverReady() && recentModels.isEmpty() && !discovered.contains(backend.target());
    }

    private static void serverReady(Backend backend, boolean ready) {
        if (backend.serverReady() != ready) {
            LOG.infof("Model server %s is %s", backend.target(), ready ? "ready again" : "not ready");
        }
        backend.serverReady(ready);
    }

    /** Model server failures in the platform's terms; the ones worth retrying say when. */
    static PlatformException failure(Status status) {
        String reason = status.getDescription() == null ? status.getCode().name() : status.getDescription();
        return switch (status.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED -> retryLater("model-server-unavailable",
                    "Model server unavailable", "No model server answered in time (" + reason + "); try again shortly");
            case NOT_FOUND -> retryLater(NOT_LOADED, "Model not loaded",
                    "The model is deployed but not loaded on the model server yet; try again shortly");
            case INVALID_ARGUMENT -> new PlatformException(400, "invalid-input", "Invalid input",
                    "The model server refused the inputs: " + reason);
            default -> new PlatformException(502, "model-server-error", "Model server error",
                    "The model server failed: " + reason);
        };
    }

    private static PlatformException retryLater(String slug, String title, String detail) {
        return new PlatformException(503, slug, title, detail, List.of(), Map.of("Retry-After", "1"));
    }

    @PreDestroy
    void close() {
        healthChecks.shutdownNow();
        backends.values().forEach(Backend::close);
    }
}
