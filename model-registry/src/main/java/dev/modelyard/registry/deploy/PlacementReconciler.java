package dev.modelyard.registry.deploy;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.tenant.TenantWork;
import dev.modelyard.registry.discovery.DiscoveryConfig;
import dev.modelyard.registry.discovery.ModelServerDiscovery;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps every deployed model placed on the model servers discovery knows, when discovery follows a cluster: a pass
 * runs after each change of the servers and every {@code resync-interval} (which retries loads that failed), on
 * one thread. Each model is handled as its tenant ({@link ModelDeployer#follow}), one at a time, so one model's
 * trouble does not hold up the others. Servers that left and came back (a restarted pod) start empty, so the
 * models placed on them are loaded again. With the configured list nothing changes and no pass runs. Several
 * registry replicas may run passes at once: the models' row locks put them in turn, the later finds the placement
 * already made (at most it loads a model again on a server that came back), and a replica whose view of the
 * servers lags catches up on its next change.
 */
@ApplicationScoped
public class PlacementReconciler {

    private static final Logger LOG = Logger.getLogger(PlacementReconciler.class);
    static final String SUBJECT = "service:model-registry";

    private final ModelServerDiscovery discovery;
    private final ModelDeployer deployer;
    private final ModelServers servers;
    private final DiscoveryConfig config;
    private final AgroalDataSource dataSource;
    private final String deployedQuery;
    private final AtomicBoolean passPending = new AtomicBoolean();
    /** Servers seen leaving since the last complete pass: if they are back, they came back empty. */
    private final Set<String> departed = ConcurrentHashMap.newKeySet();
    private final Object changes = new Object();
    private List<String> lastSeen = List.of();
    private ScheduledExecutorService passes;

    public PlacementReconciler(ModelServerDiscovery discovery, ModelDeployer deployer, ModelServers servers,
                               DiscoveryConfig config, AgroalDataSource dataSource,
                               @ConfigProperty(name = "modelyard.db.schema") String schema) {
        this.discovery = discovery;
        this.deployer = deployer;
        this.servers = servers;
        this.config = config;
        this.dataSource = dataSource;
        this.deployedQuery = "select id, tenant_id, name from " + schema + ".deployed_models()";
    }

    void start(@Observes StartupEvent event) {
        if (!discovery.followsChanges()) {
            return;
        }
        passes = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("placement-reconciler").daemon()
                .factory());
        discovery.onChange(this::serversChanged);
        // Servers may have come and gone while the registry was down; the pass waits for the first complete list.
        serversChanged(discovery.targets());
        long interval = config.kubernetes().resyncInterval().toMillis();
        passes.scheduleWithFixedDelay(() -> passLogged(discovery.targets()), interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (passes != null) {
            passes.shutdownNow();
        }
    }

    /**
     * Remembers who left and queues one pass; changes arriving while it waits are covered by it. Runs on the
     * discovery's thread, so it never waits for a pass.
     */
    private void serversChanged(List<String> targets) {
        synchronized (changes) {
            lastSeen.stream().filter(target -> !targets.contains(target)).forEach(departed::add);
            lastSeen = targets;
        }
        if (!passes.isShutdown() && passPending.compareAndSet(false, true)) {
            passes.execute(() -> {
                passPending.set(false);
                passLogged(discovery.targets());
            });
        }
    }

    private void passLogged(List<String> targets) {
        try {
            int incomplete = pass(targets);
            if (incomplete > 0) {
                LOG.warnf("%d deployed models are not on all their model servers yet; the next pass tries again",
                        incomplete);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Placing the deployed models on %s failed; the next pass tries again", targets);
        }
    }

    /**
     * Places every deployed model on {@code targets}.
     *
     * @return how many models could not be placed fully (a load failed, or the model could not be handled)
     */
    synchronized int pass(List<String> targets) {
        if (!discovery.synced()) {
            LOG.debug("The model servers are not known yet; no pass");
            return 0;
        }
        Set<String> departedBefore = Set.copyOf(departed);
        Set<String> returned = new HashSet<>(departedBefore);
        returned.retainAll(targets);
        int incomplete = 0;
        for (DeployedModel model : deployedModels()) {
            Caller registry = new Caller(SUBJECT, model.tenant(), Set.of(Caller.TENANT_MEMBER), null, null);
            try {
                if (!TenantWork.callAs(registry, () -> deployer.follow(model.name(), targets, returned))) {
                    incomplete++;
                }
            } catch (RuntimeException e) {
                incomplete++;
                LOG.errorf(e, "Cannot place %s (%s of tenant %s) on the model servers", model.id(), model.name(),
                        model.tenant());
            }
        }
        if (incomplete == 0) {
            // Those that came back got their models again; those still gone hold nothing any more.
            departed.removeAll(departedBefore);
        }
        servers.retainOnly(targets);
        return incomplete;
    }

    private List<DeployedModel> deployedModels() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(deployedQuery)) {
            List<DeployedModel> models = new ArrayList<>();
            while (rows.next()) {
                models.add(new DeployedModel(rows.getString(1), rows.getString(2), rows.getString(3)));
            }
            return models;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list the deployed models", e);
        }
    }

    private record DeployedModel(String id, String tenant, String name) {
    }
}
