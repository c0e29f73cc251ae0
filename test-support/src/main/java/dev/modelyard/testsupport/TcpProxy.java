package dev.modelyard.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a free local port in front of a real server, so a test can take that server away
 * from the code under test and give it back without touching the server itself. {@link #cut()} resets
 * every open connection and refuses new ones (as a crashed or unreachable server does); {@link #restore()}
 * listens again on the same port.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private int port;

    private TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** Starts a proxy to {@code host:port}, listening on 127.0.0.1. */
    public static TcpProxy start(String targetHost, int targetPort) {
        TcpProxy proxy = new TcpProxy(targetHost, targetPort);
        proxy.listen();
        return proxy;
    }

    /** The local port clients connect to; the same after a cut and a restore. */
    public int port() {
        return port;
    }

    /** Resets every connection through the proxy and refuses new ones until {@link #restore()}. */
    public synchronized void cut() {
        closeQuietly(listener);
        listener = null;
        for (Socket socket : open) {
            reset(socket);
        }
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    public synchronized void restore() {
        if (listener == null) {
            listen();
        }
    }

    private synchronized void listen() {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            port = server.getLocalPort();
            listener = server;
            Thread.ofVirtual().name("tcp-proxy-accept-" + port).start(() -> accept(server));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + port, e);
        }
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            try {
                Socket upstream = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                reset(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                }
            } catch (IOException e) {
                // One side went away: the other is closed too, below.
            } finally {
                open.remove(from);
                open.remove(to);
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // Closed already.
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Nothing more to release.
        }
    }

    @Override
    public void close() {
        cut();
    }
}
