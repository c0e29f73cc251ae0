package dev.modelyard.router.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.router.routing.RoutingConfigs;
import io.grpc.Status;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelServersTest {

    private static final ModelInferRequest REQUEST = ModelInferRequest.newBuilder()
            .setModelName("rm-1").setModelVersion("1").build();

    private final List<AutoCloseable> open = new ArrayList<>();
    /** Stands in for the router's event loops. */
    private final NioEventLoopGroup eventLoops = new NioEventLoopGroup(2);

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
        eventLoops.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
    }

    @Test
    void aCallMadeOnAnEventLoopIsAnsweredOnThatLoopThroughItsOwnConnection() throws Exception {
        answeredOnTheCallingLoop(eventLoops);
    }

    @Test
    void soOnLinuxEpollLoops() throws Exception {
        assumeTrue(Epoll.isAvailable(), "epoll is available");
        EpollEventLoopGroup epollLoops = new EpollEventLoopGroup(2);
        try {
            answeredOnTheCallingLoop(epollLoops);
        } finally {
            epollLoops.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
        }
    }

    private void answeredOnTheCallingLoop(EventLoopGroup loops) throws Exception {
        ScriptedModelServer server = server();
        ModelServers servers = new ModelServers(() -> List.of(server.target()), RoutingConfigs.of(Map.of()), loops);
        open.add(servers::close);

        for (EventExecutor loop : loops) {
            for (int i = 0; i < 3; i++) {
                Thread caller = loop.submit(Thread::currentThread).get();
                Thread answeredOn = loop.submit(() -> servers.infer("acme", List.of(), REQUEST, inSeconds(30))
                        .thenApply(answer -> Thread.currentThread())).get().get(30, TimeUnit.SECONDS);
                assertThat(answeredOn).isSameAs(caller);
            }
        }
        Thread elsewhere = servers.infer("acme", List.of(), REQUEST, inSeconds(30))
                .thenApply(answer -> Thread.currentThread()).get(30, TimeUnit.SECONDS);
        assertThat(elsewhere).isNotSameAs(Thread.currentThread());
        assertThat(server.calls()).isEqualTo(7);
        assertThat(server.connections()).as("one per loop and one for the rest").isEqualTo(3);
    }

    @Test
    void aModelServerThatIsDownIsA503ToRetryShortly() throws IOException {
        ModelServers servers = servers(List.of(closedTarget()), Map.of());
        assertThatThrownBy(() -> infer(servers, "acme", List.of(), REQUEST, inSeconds(30)))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.typeSlug()).isEqualTo("model-server-unavailable");
                    assertThat(e.headers()).containsEntry("Retry-After", "1");
                });
    }

    @Test
    void failsOverToAnotherBackendOnAConnectionErrorUntilTheDeadOnesBreakerOpens() throws IOException {
        ScriptedModelServer healthy = server();
        String dead = closedTarget();
        ModelServers servers = servers(List.of(), Map.of());

        for (int i = 0; i < 12; i++) {
            ModelInferResponse answer = infer(servers, "acme", List.of(dead, healthy.target()), REQUEST, inSeconds(30));
            assertThat(answer.getId()).isEqualTo(healthy.target());
        }
        assertThat(servers.breakerState(dead)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(healthy.calls()).isEqualTo(12);
    }

    @Test
    void unavailableIsRetriedOnceOnAnotherBackendAndNoMore() {
        List<ScriptedModelServer> failing = List.of(server().failWith(Status.UNAVAILABLE), server()
                .failWith(Status.UNAVAILABLE), server().failWith(Status.UNAVAILABLE));
        ModelServers servers = servers(List.of(), Map.of());

        assertThatThrownBy(() -> infer(servers, "acme", failing.stream().map(ScriptedModelServer::target).toList(),
                REQUEST, inSeconds(30)))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.typeSlug())
                        .isEqualTo("model-server-unavailable"));
        assertThat(failing.stream().mapToInt(ScriptedModelServer::calls).sum()).isEqualTo(2);
    }

    @Test
    void errorsAboutTheCallItselfAreNotRetried() {
        ScriptedModelServer refusing = server().failWith(Status.INVALID_ARGUMENT.withDescription("bad tensor"));
        ScriptedModelServer other = server();
        ModelServers servers = servers(List.of(), Map.of());

        for (int i = 0; i < 2; i++) {
            try {
                infer(servers, "acme", List.of(refusing.target(), other.target()), REQUEST, inSeconds(30));
            } catch (PlatformException e) {
                assertThat(e.status()).isEqualTo(400);
            }
        }
        assertThat(refusing.calls()).isEqualTo(1);
        assertThat(other.calls()).isEqualTo(1);
        assertThat(servers.breakerState(refusing.target())).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void retriesStopWhenTheRetryBudgetIsSpent() {
        ScriptedModelServer first = server().failWith(Status.UNAVAILABLE);
        ScriptedModelServer second = server().failWith(Status.UNAVAILABLE);
        ModelServers servers = servers(List.of(), Map.of("modelyard.router.routing.retries-per-second", "1",
                "modelyard.router.routing.breaker.minimum-calls", "20"));
        List<String> placement = List.of(first.target(), second.target());

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> infer(servers, "acme", placement, REQUEST, inSeconds(30)))
                    .isInstanceOf(PlatformException.class);
        }
        // One retry in the bucket: four calls reach the servers for three requests, not six.
        assertThat(first.calls() + second.calls()).isEqualTo(4);
    }

    @Test
    void nothingAvailableIsA503SayingWhenToComeBack() throws IOException {
        String dead = closedTarget();
        ModelServers servers = servers(List.of(), Map.of("modelyard.router.routing.breaker.minimum-calls", "2",
                "modelyard.router.routing.breaker.window", "2", "modelyard.router.routing.breaker.open-for", "30s"));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> infer(servers, "acme", List.of(dead), REQUEST, inSeconds(30)))
                    .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.typeSlug())
                            .isEqualTo("model-server-unavailable"));
        }
        assertThatThrownBy(() -> infer(servers, "acme", List.of(dead), REQUEST, inSeconds(30)))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.typeSlug()).isEqualTo("no-model-server-available");
                    assertThat(Integer.parseInt(e.headers().get("Retry-After"))).isBetween(29, 30);
                });
    }

    @Test
    void theBackendGetsWhatIsLeftOfTheCallersDeadline() {
        ScriptedModelServer server = server();
        ModelServers servers = servers(List.of(server.target()), Map.of());

        infer(servers, "acme", List.of(), REQUEST, System.nanoTime() + Duration.ofSeconds(20).toNanos());

        assertThat(server.deadlineMillis()).singleElement().satisfies(left -> assertThat(left).isBetween(10_000L, 20_000L));
    }

    @Test
    void aServerTheHealthCheckFindsNotReadyGetsNoCallsUntilItIsReadyAgain() {
        ScriptedModelServer draining = server().ready(false);
        ScriptedModelServer serving = server();
        ModelServers servers = servers(List.of(draining.target(), serving.target()), Map.of());

        servers.checkHealth();
        assertThat(servers.serverReady(draining.target())).isFalse();
        for (int i = 0; i < 4; i++) {
            infer(servers, "acme", List.of(), REQUEST, inSeconds(30));
        }
        assertThat(draining.calls()).isZero();

        draining.ready(true);
        servers.checkHealth();
        for (int i = 0; i < 4; i++) {
            infer(servers, "acme", List.of(), REQUEST, inSeconds(30));
        }
        assertThat(draining.calls()).isEqualTo(2);
    }

    @Test
    void aBackendOnlyAPlacementNamedIsForgottenOnceItStopsAnsweringAndGetsNoCalls() {
        ScriptedModelServer called = server();
        ScriptedModelServer idle = server();
        ScriptedModelServer discovered = server().ready(false);
        ModelServers servers = servers(List.of(discovered.target()), Map.of());
        infer(servers, "acme", List.of(called.target()), REQUEST, inSeconds(30));
        servers.ready(List.of(idle.target()), "rm-1", "1");
        called.ready(false);
        idle.ready(false);

        servers.checkHealth();
        assertThat(servers.knows(idle.target())).isTrue();
        servers.checkHealth();
        assertThat(servers.knows(idle.target())).isFalse();
        assertThat(servers.knows(called.target())).as("called within the last minutes").isTrue();
        assertThat(servers.knows(discovered.target())).as("discovered").isTrue();
    }

    @Test
    void mapsModelServerStatusesToProblems() {
        assertThat(ModelServers.failure(Status.DEADLINE_EXCEEDED).status()).isEqualTo(503);
        assertThat(ModelServers.failure(Status.NOT_FOUND).typeSlug()).isEqualTo("model-not-loaded");
        assertThat(ModelServers.failure(Status.INVALID_ARGUMENT.withDescription("bad")).status()).isEqualTo(400);
        assertThat(ModelServers.failure(Status.INTERNAL).status()).isEqualTo(502);
    }

    /** Waits for the answer; a failure comes out as the exception the call completed with. */
    private static ModelInferResponse infer(ModelServers servers, String tenant, List<String> placement,
                                            ModelInferRequest request, long deadlineNanos) {
        try {
            return servers.infer(tenant, placement, request, deadlineNanos).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    private ModelServers servers(List<String> discovered, Map<String, String> settings) {
        ModelServers servers = new ModelServers(() -> discovered, RoutingConfigs.of(settings), eventLoops);
        open.add(servers::close);
        return servers;
    }

    private ScriptedModelServer server() {
        ScriptedModelServer server = new ScriptedModelServer();
        open.add(server);
        return server;
    }

    private static long inSeconds(int seconds) {
        return System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    }

    private static String closedTarget() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }
}
