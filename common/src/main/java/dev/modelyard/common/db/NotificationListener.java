package dev.modelyard.common.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on one PostgreSQL {@code NOTIFY} channel from a dedicated connection (pooled connections are
 * handed around and cannot hold a {@code LISTEN}), reconnecting after failures. Notifications sent while
 * nobody listened are lost, so {@link Handler#connected()} runs after every (re)connect and a cache should
 * drop everything there; {@link Handler#disconnected()} tells it to stop trusting what it holds.
 */
public final class NotificationListener {

    /** What a listener does with the channel. */
    public interface Handler {
        /** Listening (again): anything learnt while not listening may be stale. */
        void connected();

        /** The connection is lost; notifications may be missed until {@link #connected()}. */
        default void disconnected() {
        }

        void notified(String payload);
    }

    private static final Logger LOG = Logger.getLogger(NotificationListener.class);
    private static final int POLL_MILLIS = 500;
    private static final long RECONNECT_DELAY_MILLIS = 1000;

    private final String url;
    private final Properties credentials = new Properties();
    private final String channel;
    private final Handler handler;
    private volatile boolean running;
    private Thread thread;

    /** {@code channel} must be a plain identifier: it is written into the {@code LISTEN} statement. */
    public NotificationListener(String url, String user, String password, String channel, Handler handler) {
        if (!channel.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain channel name: " + channel);
        }
        this.url = url;
        this.channel = channel;
        this.handler = handler;
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        credentials.setProperty("ApplicationName", channel + " listener");
    }

    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name(channel + "-listener").start(this::listen);
    }

    public synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(2L * POLL_MILLIS);
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = new org.postgresql.Driver().connect(url, credentials);
                 Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + channel);
                handler.connected();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            handler.notified(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                handler.disconnected();
                if (running) {
                    LOG.warnf("Listening on %s failed (%s); reconnecting", channel, e.getMessage());
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RECONNECT_DELAY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
