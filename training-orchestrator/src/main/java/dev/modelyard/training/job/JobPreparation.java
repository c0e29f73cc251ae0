package dev.modelyard.training.job;

import dev.modelyard.common.tenant.TenantWork;
import dev.modelyard.training.clients.PrivacyClient;
import dev.modelyard.training.clients.RegistryClient;
import dev.modelyard.training.clients.UpstreamException;
import dev.modelyard.training.executor.JobFolder;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Readies a job's folder for the trainer: the anonymized files and the base model are fetched with the
 * orchestrator's own token for the job's tenant, and {@code spec.json} is written. Then the job is queued.
 */
@ApplicationScoped
class JobPreparation {

    private final TenantWork tenantWork;
    private final PrivacyClient privacy;
    private final RegistryClient registry;

    JobPreparation(TenantWork tenantWork, PrivacyClient privacy, RegistryClient registry) {
        this.tenantWork = tenantWork;
        this.privacy = privacy;
        this.registry = registry;
    }

    /** @throws UpstreamException when a service is unavailable for now; the supervisor tries again later */
    void prepare(ActiveJob active, JobFolder folder) {
        FineTuningJob job = tenantWork.call(active.orchestrator(), session ->
                session.find(FineTuningJob.class, active.id()));
        if (job == null || job.status != JobStatus.VALIDATING_FILES) {
            return;
        }
        String tenant = active.tenant();
        try {
            Files.createDirectories(folder.output());
            Path training = fetch("training_file", JobError.INVALID_FILE,
                    () -> privacy.download(job.trainingFile, tenant, folder.dir(), "train"));
            Path validation = job.validationFile == null ? null : fetch("validation_file", JobError.INVALID_FILE,
                    () -> privacy.download(job.validationFile, tenant, folder.dir(), "validation"));
            Path baseModel = job.baseModelName == null ? null : fetch("model", JobError.INVALID_INPUT, () -> {
                registry.downloadArtifact(job.baseModelName, job.baseModelVersion, tenant, folder.baseModel());
                return folder.baseModel();
            });
            Files.writeString(folder.spec(),
                    TrainerSpec.of(job, training, validation, baseModel, folder.output()).toPrettyString());
        } catch (Refused refused) {
            tenantWork.run(active.orchestrator(), session ->
                    JobTransitions.lockIfIn(session, job.id, JobStatus.VALIDATING_FILES)
                            .ifPresent(locked -> JobTransitions.fail(session, locked, refused.error)));
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the folder of job " + job.id, e);
        }
        tenantWork.run(active.orchestrator(), session ->
                JobTransitions.lockIfIn(session, job.id, JobStatus.VALIDATING_FILES)
                        .ifPresent(locked -> JobTransitions.move(session, locked, JobStatus.QUEUED,
                                "Files downloaded; the job is queued")));
    }

    /** A refusal that will not change on a retry (the file was deleted, say) fails the job, naming the field. */
    private static Path fetch(String param, String code, Supplier<Path> download) {
        try {
            return download.get();
        } catch (UpstreamException e) {
            if (e.isRetryable()) {
                throw e;
            }
            throw new Refused(new JobError(code, "Cannot fetch " + param + ": " + e.getMessage(), param));
        }
    }

    private static final class Refused extends RuntimeException {
        private final JobError error;

        Refused(JobError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }
}
