package dev.modelyard.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free loopback ports: whether the ones the stack listens on still are, and any one for a process of its own. */
public final class Ports {

    private Ports() {
    }

    /**
     * True when this process could listen on 127.0.0.1:port. Binding (rather than connecting) also
     * notices programs that listen on every address; SO_REUSEADDR keeps a port that our last run left
     * in TIME_WAIT from counting as taken.
     */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** A port nothing listens on now, as the system picks one: for a process started next, which listens on it. */
    public static int anyFree() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
