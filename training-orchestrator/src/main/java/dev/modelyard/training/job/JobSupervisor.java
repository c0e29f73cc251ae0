package dev.modelyard.training.job;

import dev.modelyard.common.tenant.TenantWork;
import dev.modelyard.training.TrainingConfig;
import dev.modelyard.training.clients.UpstreamException;
import dev.modelyard.training.event.EventDraft;
import dev.modelyard.training.event.JobEvent;
import dev.modelyard.training.event.TrainerEvents;
import dev.modelyard.training.executor.JobFolder;
import dev.modelyard.training.executor.ProgressLine;
import dev.modelyard.training.executor.ProgressLog;
import dev.modelyard.training.executor.TrainerExecutor;
import dev.modelyard.training.executor.TrainerHandle;
import dev.modelyard.training.executor.TrainerState;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Moves every tenant's jobs along, one poll at a time: fetches their files, starts queued jobs while trainer
 * slots are free, turns running trainers' progress into events, settles jobs whose trainer ended and then their
 * privacy budget reservations. The first poll after a start-up is the restart recovery: running jobs are
 * re-attached or settled, and reservations still open are settled, by the same rules.
 */
@ApplicationScoped
public class JobSupervisor {

    private static final Logger LOG = Logger.getLogger(JobSupervisor.class);

    private final TrainingConfig config;
    private final AgroalDataSource dataSource;
    private final String activeJobsQuery;
    private final TenantWork tenantWork;
    private final TrainerExecutor executor;
    private final JobPreparation preparation;
    private final JobRegistration registration;
    private final BudgetSettlement budgetSettlement;
    /**
     * Jobs with a download, a registration or a budget settlement under way, which the polls leave alone until it
     * ends.
     */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService poller;
    private ExecutorService workers;

    public JobSupervisor(TrainingConfig config, AgroalDataSource dataSource,
                         @ConfigProperty(name = "modelyard.db.schema") String schema, TenantWork tenantWork,
                         TrainerExecutor executor, JobPreparation preparation, JobRegistration registration,
                         BudgetSettlement budgetSettlement) {
        this.config = config;
        this.dataSource = dataSource;
        this.activeJobsQuery = "select id, tenant_id, status, launched from " + schema + ".active_fine_tuning_jobs()";
        this.tenantWork = tenantWork;
        this.executor = executor;
        this.preparation = preparation;
        this.registration = registration;
        this.budgetSettlement = budgetSettlement;
    }

    void start(@Observes StartupEvent event) {
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("job-supervisor").daemon().factory());
        workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("job-worker-", 0).factory());
        poller.scheduleWithFixedDelay(this::poll, 0, config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Trainers keep running: the next orchestrator re-attaches to them. */
    void stop(@Observes ShutdownEvent event) {
        poller.shutdownNow();
        workers.shutdownNow();
    }

    private void poll() {
        List<ActiveJob> active;
        try {
            active = activeJobs();
        } catch (SQLException | RuntimeException e) {
            LOG.error("Cannot list the active fine-tuning jobs", e);
            return;
        }
        int running = (int) active.stream().filter(job -> job.status() == JobStatus.RUNNING
                || job.status() == JobStatus.QUEUED && job.launched()).count();
        for (ActiveJob job : active) {
            if (busy.contains(job.id())) {
                continue;
            }
            // One job's trouble must not hold up the others.
            try {
                switch (job.status()) {
                    case VALIDATING_FILES -> inBackground(job, () -> preparation.prepare(job, folder(job)));
                    case QUEUED -> {
                        if (job.launched()) {
                            awaitStart(job);
                        } else if (hasRoomFor(running) && launch(job)) {
                            running++;
                        }
                    }
                    case RUNNING -> watch(job);
                    // Ended, and listed only while its privacy budget reservation is not settled.
                    case SUCCEEDED, FAILED, CANCELLED -> inBackground(job, () -> budgetSettlement.settle(job));
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Cannot advance fine-tuning job %s", job.id());
            }
        }
    }

    /**
     * Across tenants, through the one function that may read them: ids, tenants and statuses only, of unfinished
     * jobs and of ended ones whose budget reservation is not settled yet.
     */
    private List<ActiveJob> activeJobs() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(activeJobsQuery)) {
            List<ActiveJob> jobs = new ArrayList<>();
            while (rows.next()) {
                jobs.add(new ActiveJob(rows.getString(1), rows.getString(2), JobStatus.valueOf(rows.getString(3)),
                        rows.getBoolean(4)));
            }
            return jobs;
        }
    }

    /** Kueue admits by each tenant's quota, so on Kubernetes every queued job is handed over at once. */
    private boolean hasRoomFor(int running) {
        return config.executor() == TrainingConfig.Executor.KUBERNETES || running < config.maxConcurrentJobs();
    }

    private boolean launch(ActiveJob active) {
        return tenantWork.call(active.orchestrator(), session ->
                JobTransitions.lockIfIn(session, active.id(), JobStatus.QUEUED)
                        .map(job -> {
                            TrainerHandle handle;
                            try {
                                handle = executor.launch(active.tenant(), folder(active), job.resources);
                            } catch (IOException e) {
                                JobTransitions.fail(session, job,
                                        JobError.failed("Cannot start the trainer: " + e.getMessage()));
                                return false;
                            }
                            job.attach(handle);
                            startIfAdmitted(session, job, executor.state(handle));
                            return true;
                        })
                        .orElse(false));
    }

    /** A launched job that is still queued: it runs once the executor says its trainer is no longer waiting. */
    private void awaitStart(ActiveJob active) {
        tenantWork.run(active.orchestrator(), session -> JobTransitions.lockIfIn(session, active.id(), JobStatus.QUEUED)
                .ifPresent(job -> job.trainerHandle().ifPresent(handle ->
                        startIfAdmitted(session, job, executor.state(handle)))));
    }

    /** Whatever follows the wait (a start, or an end) is the running job's to handle on the next poll. */
    private static void startIfAdmitted(Session session, FineTuningJob job, TrainerState state) {
        if (state instanceof TrainerState.Waiting waiting) {
            noteChange(session, job, waiting.note());
            return;
        }
        JobTransitions.move(session, job, JobStatus.RUNNING, "Fine-tuning job started");
        if (state instanceof TrainerState.Running running) {
            noteChange(session, job, running.note());
        }
    }

    /** What the executor says about a trainer becomes an event each time it says something new. */
    private static void noteChange(Session session, FineTuningJob job, String note) {
        if (note != null && !note.equals(job.trainerNote)) {
            job.trainerNote = note;
            session.persist(JobEvent.of(job.id, EventDraft.info(note)));
        }
    }

    private void watch(ActiveJob active) {
        JobFolder folder = folder(active);
        Optional<RunDecision> decision = tenantWork.call(active.orchestrator(), session ->
                JobTransitions.lockIfIn(session, active.id(), JobStatus.RUNNING).map(job -> {
                    TrainerHandle handle = job.trainerHandle().orElseThrow(() ->
                            new IllegalStateException("Running job " + job.id + " has no trainer"));
                    // The state first: whatever the trainer wrote before it ended is then on disk for the read below.
                    TrainerState state = executor.state(handle);
                    if (state instanceof TrainerState.Running running) {
                        noteChange(session, job, running.note());
                    } else if (state instanceof TrainerState.Waiting waiting) {
                        noteChange(session, job, waiting.note());
                    }
                    boolean caughtUp = recordProgress(session, job, folder, !(state instanceof TrainerState.Running));
                    // An ended trainer is settled only once all it wrote has become events.
                    RunDecision next = caughtUp ? RunDecision.decide(state, folder.lastProgressLine())
                            : new RunDecision.KeepWatching();
                    if (next instanceof RunDecision.Fail fail) {
                        JobTransitions.fail(session, job, fail.error());
                        executor.release(handle);
                    }
                    return next;
                }));
        if (decision.isPresent() && decision.get() instanceof RunDecision.Register) {
            inBackground(active, () -> registration.register(active, folder));
        }
    }

    /**
     * New progress lines become events; the offset moves with them, in the same transaction. Returns whether
     * everything in the file has been read.
     */
    private static boolean recordProgress(Session session, FineTuningJob job, JobFolder folder, boolean ended) {
        ProgressLog.Chunk chunk;
        try {
            chunk = ProgressLog.readFrom(folder.progress(), job.progressOffset, ended);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String line : chunk.lines()) {
            session.persist(JobEvent.of(job.id, TrainerEvents.describe(line)));
            ProgressLine.parse(line).filter(parsed -> parsed.is(ProgressLine.STARTED))
                    .ifPresent(started -> started.number("rows").ifPresent(rows -> job.trainedRows = (long) rows));
        }
        job.progressOffset = chunk.nextOffset();
        return chunk.atEnd();
    }

    private void inBackground(ActiveJob job, Runnable work) {
        busy.add(job.id());
        workers.execute(() -> {
            try {
                work.run();
            } catch (UpstreamException e) {
                LOG.warnf("Fine-tuning job %s waits for another service and is retried: %s", job.id(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.errorf(e, "Work on fine-tuning job %s failed; it is retried", job.id());
            } finally {
                busy.remove(job.id());
            }
        });
    }

    private JobFolder folder(ActiveJob job) {
        return JobFolder.of(Path.of(config.workDir()), job.id());
    }
}
