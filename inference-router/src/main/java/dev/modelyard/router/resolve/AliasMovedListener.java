package dev.modelyard.router.resolve;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens for the registry's {@code NOTIFY registry_alias_moved, '<tenant>/<model name>'} on a
 * dedicated connection (pooled connections are handed around and cannot hold a LISTEN) and drops the
 * model's cached resolutions. After every (re)connect the whole cache is dropped, since notifications
 * sent while nobody listened are lost.
 */
@ApplicationScoped
public class AliasMovedListener {

    static final String CHANNEL = "registry_alias_moved";

    private static final Logger LOG = Logger.getLogger(AliasMovedListener.class);
    private static final int POLL_MILLIS = 500;
    private static final long RECONNECT_DELAY_MILLIS = 1000;

    private final ModelResolver resolver;
    private final String url;
    private final Properties credentials = new Properties();
    private volatile boolean running;
    private Thread thread;

    public AliasMovedListener(ModelResolver resolver,
                              @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                              @ConfigProperty(name = "quarkus.datasource.username") String user,
                              @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.resolver = resolver;
        this.url = url;
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        credentials.setProperty("ApplicationName", "inference-router alias listener");
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = Thread.ofPlatform().daemon().name("alias-moved-listener").start(this::listen);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        thread.join(2 * POLL_MILLIS);
    }

    private void listen() {
        while (running) {
            try (Connection connection = new org.postgresql.Driver().connect(url, credentials);
                 Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                resolver.forgetAll();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            aliasMoved(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warnf("Listening for alias moves failed (%s); reconnecting", e.getMessage());
                    pause();
                }
            }
        }
    }

    private void aliasMoved(String payload) {
        int slash = payload.indexOf('/');
        if (slash <= 0 || slash == payload.length() - 1) {
            LOG.warnf("Ignoring malformed %s payload '%s'", CHANNEL, payload);
            return;
        }
        resolver.aliasMoved(payload.substring(0, slash), payload.substring(slash + 1));
    }

    private static void pause() {
        try {
            Thread.sleep(RECONNECT_DELAY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
