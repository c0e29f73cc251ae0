package dev.modelyard.training.job;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.id.Ids;
import dev.modelyard.common.page.KeysetPages;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import dev.modelyard.common.tenant.TenantContext;
import dev.modelyard.common.time.DatabaseTime;
import dev.modelyard.training.TrainingConfig;
import dev.modelyard.training.clients.PrivacyClient;
import dev.modelyard.training.clients.RegistryClient;
import dev.modelyard.training.event.EventDraft;
import dev.modelyard.training.event.JobEvent;
import dev.modelyard.training.event.JobEventRepository;
import dev.modelyard.training.event.JobEventView;
import dev.modelyard.training.executor.TrainerExecutor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Fine-tuning jobs of the caller's tenant. Creation checks the files and the base model with the caller's
 * own credentials, so a job never refers to something its tenant cannot see, and reserves the privacy budget a
 * job with privacy will spend; the rest is the supervisor's.
 */
@ApplicationScoped
public class FineTuningJobService {

    private static final Logger LOG = Logger.getLogger(FineTuningJobService.class);

    private final FineTuningJobRepository jobs;
    private final JobEventRepository events;
    private final PrivacyClient privacy;
    private final RegistryClient registry;
    private final TrainerExecutor executor;
    private final TenantContext tenantContext;
    private final TrainingConfig config;

    public FineTuningJobService(FineTuningJobRepository jobs, JobEventRepository events, PrivacyClient privacy,
                                RegistryClient registry, TrainerExecutor executor, TenantContext tenantContext,
                                TrainingConfig config) {
        this.jobs = jobs;
        this.events = events;
        this.privacy = privacy;
        this.registry = registry;
        this.executor = executor;
        this.tenantContext = tenantContext;
        this.config = config;
    }

    /**
     * @param authorization the caller's own {@code Authorization} header, forwarded to the other services
     * @throws PlatformException 409 {@code budget-exceeded} when the training file's privacy budget, or the
     *                           tenant's, cannot cover the job's target epsilon and delta
     */
    public FineTuningJobView create(CreateJobRequest request, String authorization) {
        JobSettings settings = JobRequestValidator.validate(request, config.kubernetes().gpuTypes().keySet());
        requireFineTuneFile("training_file", settings.trainingFile(), authorization);
        if (settings.validationFile() != null) {
            requireFineTuneFile("validation_file", settings.validationFile(), authorization);
        }
        Integer baseVersion = settings.model().isFromScratch() ? null : resolve(settings.model(), authorization);
        String id = Ids.next("ftjob");
        // Reserved before the job exists, so that no job trains on a budget it does not hold.
        String reservation = settings.privacy() == null ? null : privacy.reserveBudget(settings.trainingFile(),
                settings.privacy().targetEpsilon(), settings.privacy().targetDelta(), id, authorization);
        try {
            return QuarkusTransaction.requiringNew().call(() ->
                    FineTuningJobView.of(persist(id, reservation, request, settings, baseVersion)));
        } catch (RuntimeException e) {
            if (reservation != null) {
                refundUnused(reservation, id);
            }
            throw e;
        }
    }

    @Transactional
    public ListPage<FineTuningJobView> list(PageRequest page) {
        return ListPage.of(KeysetPages.newestFirst(jobs.getEntityManager(), FineTuningJob.class, page), page.limit(),
                FineTuningJobView::of, job -> job.id);
    }

    @Transactional
    public FineTuningJobView get(String id) {
        return FineTuningJobView.of(require(id));
    }

    @Transactional
    public ListPage<JobEventView> events(String id, PageRequest page) {
        require(id);
        return ListPage.of(events.page(id, page), page.limit(), JobEventView::of, event -> event.id);
    }

    /** Holds the job's row while the trainer is killed, so the supervisor cannot finish it meanwhile. */
    @Transactional
    public FineTuningJobView cancel(String id) {
        FineTuningJob job = jobs.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> PlatformException.notFound("Fine-tuning job", id));
        if (job.status.isTerminal()) {
            throw PlatformException.conflict("Job " + id + " has already ended: " + job.status.apiName());
        }
        JobTransitions.move(jobs.getEntityManager(), job, JobStatus.CANCELLED, "Fine-tuning job cancelled");
        job.trainerHandle().ifPresent(executor::kill);
        return FineTuningJobView.of(job);
    }

    private FineTuningJob persist(String id, String reservation, CreateJobRequest request, JobSettings settings,
                                  Integer baseVersion) {
        FineTuningJob job = new FineTuningJob();
        job.id = id;
        job.budgetReservation = reservation;
        job.model = request.model();
        if (baseVersion != null) {
            job.baseModelName = settings.model().name();
            job.baseModelVersion = baseVersion;
        }
        job.trainingFile = settings.trainingFile();
        job.validationFile = settings.validationFile();
        job.hyperparameters = settings.hyperparameters();
        job.method = settings.method();
        job.privacy = settings.privacy();
        job.seed = settings.seed();
        job.suffix = settings.suffix();
        job.labelColumn = settings.labelColumn();
        job.columns = settings.columns();
        job.resources = settings.resources();
        job.status = JobStatus.VALIDATING_FILES;
        job.createdAt = DatabaseTime.now();
        jobs.persist(job);
        jobs.getEntityManager().persist(JobEvent.of(job.id, EventDraft.info("Created fine-tuning job: " + job.id)));
        return job;
    }

    /** The job was never stored, so nothing else will settle its reservation; a failure here only costs budget. */
    private void refundUnused(String reservation, String jobId) {
        try {
            privacy.refundBudget(reservation, tenantContext.tenant());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Cannot refund privacy budget reservation %s of job %s, which was not created", reservation,
                    jobId);
        }
    }

    private void requireFineTuneFile(String field, String fileId, String authorization) {
        PrivacyClient.FileInfo file = privacy.describe(fileId, authorization).orElseThrow(() ->
                PlatformException.badRequest("There is no file " + fileId, FieldError.field(field, "no such file")));
        if (!PrivacyClient.FINE_TUNE.equals(file.purpose())) {
            throw PlatformException.badRequest("File " + fileId + " was not uploaded for fine-tuning",
                    FieldError.field(field, "must be a file with purpose " + PrivacyClient.FINE_TUNE));
        }
    }

    /** Pins the reference to a version now, so the job continues from what the caller saw. */
    private int resolve(ModelReference reference, String authorization) {
        Optional<Integer> version = reference.version() != null
                ? Optional.of(reference.version()).filter(number -> registry.hasVersion(reference.name(), number, authorization))
                : registry.aliasVersion(reference.name(), reference.alias(), authorization);
        return version.orElseThrow(() -> PlatformException.badRequest("There is no model " + reference,
                FieldError.field("model", "no such model, alias or version")));
    }

    private FineTuningJob require(String id) {
        return jobs.findByIdOptional(id).orElseThrow(() -> PlatformException.notFound("Fine-tuning job", id));
    }
}
