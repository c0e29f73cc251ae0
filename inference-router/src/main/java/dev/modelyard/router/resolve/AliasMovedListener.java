package dev.modelyard.router.resolve;

import dev.modelyard.common.db.NotificationListener;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Drops a model's cached resolutions when the registry announces {@code NOTIFY registry_alias_moved,
 * '<tenant>/<model name>'} (an alias moved, a traffic split changed). After every (re)connect the whole
 * cache is dropped, since notifications sent while nobody listened are lost.
 */
@ApplicationScoped
public class AliasMovedListener {

    static final String CHANNEL = "registry_alias_moved";

    private static final Logger LOG = Logger.getLogger(AliasMovedListener.class);

    private final NotificationListener listener;

    public AliasMovedListener(ModelResolver resolver,
                              @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                              @ConfigProperty(name = "quarkus.datasource.username") String user,
                              @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.listener = new NotificationListener(url, user, password, CHANNEL, new NotificationListener.Handler() {
            @Override
            public void connected() {
                resolver.forgetAll();
            }

            @Override
            public void notified(String payload) {
                int slash = payload.indexOf('/');
                if (slash <= 0 || slash == payload.length() - 1) {
                    LOG.warnf("Ignoring malformed %s payload '%s'", CHANNEL, payload);
                    return;
                }
                resolver.aliasMoved(payload.substring(0, slash), payload.substring(slash + 1));
            }
        });
    }

    void start(@Observes StartupEvent event) {
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        listener.stop();
    }
}
