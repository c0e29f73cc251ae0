package dev.modelyard.gateway.proxy;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * One HTTP client per event loop, each used only from its own loop. A pooled connection does its I/O on the
 * loop that opened it; shared by all loops, a connection opened on one loop would carry requests of another,
 * and every write, answer and acknowledgement would hop between the two threads (a queued task and a selector
 * wake-up each time). Here a client opens its connections on its own loop, so a forwarded call stays on the
 * thread that received it.
 */
final class EventLoopClients {

    private final Vertx vertx;
    private final HttpClientOptions options;
    private final PoolOptions pool;
    private final Map<Thread, HttpClient> byLoop = new ConcurrentHashMap<>();
    /** For a call made off any event loop (none is, today): its connections may hop, but it works. */
    private final HttpClient shared;

    /**
     * @param connections builds each client's pool options from its share of the connections: the total
     *                    divided among the event loops (at least one each)
     */
    EventLoopClients(Vertx vertx, HttpClientOptions options, int totalConnections, IntFunction<PoolOptions> connections) {
        this.vertx = vertx;
        this.options = options;
        int loops = 0;
        for (EventExecutor ignored : vertx.nettyEventLoopGroup()) {
            loops++;
        }
        this.pool = connections.apply(Math.max(1, (totalConnections + loops - 1) / Math.max(1, loops)));
        this.shared = vertx.createHttpClient(options, pool);
    }

    /** The client of the calling event loop. */
    HttpClient current() {
        if (!Context.isOnEventLoopThread()) {
            return shared;
        }
        Thread loop = Thread.currentThread();
        HttpClient client = byLoop.get(loop);
        return client != null ? client : byLoop.computeIfAbsent(loop, unused -> vertx.createHttpClient(options, pool));
    }
}
