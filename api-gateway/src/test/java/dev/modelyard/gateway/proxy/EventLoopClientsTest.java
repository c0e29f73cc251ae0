package dev.modelyard.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.impl.VertxInternal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopClientsTest {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(4));

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void eachEventLoopGetsItsOwnClientWithItsShareOfTheConnections() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        EventLoopClients clients = new EventLoopClients(vertx, new HttpClientOptions(), 10, perLoop -> {
            sizes.add(perLoop);
            return new PoolOptions().setHttp1MaxSize(perLoop);
        });
        // 10 connections among 4 loops: 3 each, rounded up so that the total is never below the setting.
        assertThat(sizes).containsExactly(3);

        Map<Thread, Set<HttpClient>> byThread = new HashMap<>();
        for (int i = 0; i < 8; i++) {
            Context context = ((VertxInternal) vertx).createEventLoopContext();
            byThread.computeIfAbsent(thread(context), unused -> new HashSet<>()).add(on(context, clients));
            byThread.get(thread(context)).add(on(context, clients));
        }
        assertThat(byThread).hasSize(4);
        assertThat(byThread.values()).allSatisfy(used -> assertThat(used).hasSize(1));
        assertThat(byThread.values().stream().flatMap(Set::stream).distinct()).hasSize(4);
        // Off the event loops, one shared client.
        assertThat(clients.current()).isSameAs(clients.current());
        assertThat(byThread.values().stream().flatMap(Set::stream)).doesNotContain(clients.current());
    }

    private static HttpClient on(Context context, EventLoopClients clients) throws Exception {
        CompletableFuture<HttpClient> client = new CompletableFuture<>();
        context.runOnContext(ignored -> client.complete(clients.current()));
        return client.get(10, TimeUnit.SECONDS);
    }

    private static Thread thread(Context context) throws Exception {
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        context.runOnContext(ignored -> thread.complete(Thread.currentThread()));
        return thread.get(10, TimeUnit.SECONDS);
    }
}
