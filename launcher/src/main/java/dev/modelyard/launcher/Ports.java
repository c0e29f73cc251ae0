package dev.modelyard.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Whether the loopback ports the stack listens on are still free. */
final class Ports {

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
}
