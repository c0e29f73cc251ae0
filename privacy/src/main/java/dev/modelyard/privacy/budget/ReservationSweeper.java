package dev.modelyard.privacy.budget;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.tenant.TenantWork;
import dev.modelyard.common.time.DatabaseTime;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Gives back the budget of reservations whose time is up and that nobody settled, every
 * {@code expiry-sweep-interval}: each as its tenant, with an {@code expire} event by {@code service:privacy}.
 * Several replicas may sweep at once; the reservation's row lock lets exactly one expire it.
 */
@ApplicationScoped
public class ReservationSweeper {

    private static final Logger LOG = Logger.getLogger(ReservationSweeper.class);
    static final String SUBJECT = "service:privacy";
    private static final int BATCH = 500;

    private final BudgetService budgets;
    private final BudgetConfig config;
    private final AgroalDataSource dataSource;
    private final String dueQuery;
    private ScheduledExecutorService timer;

    public ReservationSweeper(BudgetService budgets, BudgetConfig config, AgroalDataSource dataSource,
                              @ConfigProperty(name = "modelyard.db.schema") String schema) {
        this.budgets = budgets;
        this.config = config;
        this.dataSource = dataSource;
        this.dueQuery = "select id, tenant_id from " + schema + ".due_budget_reservations(?, ?)";
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("reservation-sweeper").daemon()
                .factory());
        long interval = config.expirySweepInterval().toMillis();
        timer.scheduleWithFixedDelay(this::sweepLogged, interval, interval, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    /** Expires every reservation due now; returns how many this call expired. */
    public int sweep() {
        int expired = 0;
        List<Due> due;
        do {
            due = due();
            for (Due reservation : due) {
                Caller sweeper = new Caller(SUBJECT, reservation.tenant(), Set.of(Caller.TENANT_MEMBER), null, null);
                try {
                    if (TenantWork.callAs(sweeper, () -> budgets.expireIfDue(reservation.id()))) {
                        expired++;
                    }
                } catch (RuntimeException e) {
                    // One reservation's trouble must not keep the others' budgets held.
                    LOG.errorf(e, "Cannot expire budget reservation %s of tenant %s", reservation.id(),
                            reservation.tenant());
                }
            }
        } while (due.size() == BATCH && expired > 0);
        return expired;
    }

    private void sweepLogged() {
        try {
            int expired = sweep();
            if (expired > 0) {
                LOG.infof("Expired %d budget reservations and gave their budget back", expired);
            }
        } catch (RuntimeException e) {
            LOG.error("Cannot sweep expired budget reservations", e);
        }
    }

    /** Across tenants, through the one function that may read them: ids and tenants of due reservations only. */
    private List<Due> due() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(dueQuery)) {
            statement.setTimestamp(1, Timestamp.from(DatabaseTime.now()));
            statement.setInt(2, BATCH);
            try (ResultSet rows = statement.executeQuery()) {
                List<Due> due = new ArrayList<>();
                while (rows.next()) {
                    due.add(new Due(rows.getString(1), rows.getString(2)));
                }
                return due;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list the due budget reservations", e);
        }
    }

    private record Due(String id, String tenant) {
    }
}
