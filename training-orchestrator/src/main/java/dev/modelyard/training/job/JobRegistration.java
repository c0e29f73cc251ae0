package dev.modelyard.training.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelyard.common.tenant.TenantWork;
import dev.modelyard.training.clients.RegistryClient;
import dev.modelyard.training.clients.UpstreamException;
import dev.modelyard.training.executor.JobFolder;
import dev.modelyard.training.executor.ProgressLine;
import dev.modelyard.training.executor.TrainerExecutor;
import dev.modelyard.training.executor.TrainerOutputs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.OptionalDouble;

/** Registers what a successful trainer left behind as a new model version, then settles the job. */
@ApplicationScoped
class JobRegistration {

    private final TenantWork tenantWork;
    private final RegistryClient registry;
    private final TrainerExecutor executor;

    JobRegistration(TenantWork tenantWork, RegistryClient registry, TrainerExecutor executor) {
        this.tenantWork = tenantWork;
        this.registry = registry;
        this.executor = executor;
    }

    /** @throws UpstreamException when the registry is unavailable for now; the supervisor tries again later */
    void register(ActiveJob active, JobFolder folder) {
        String tenant = active.tenant();
        FineTuningJob job = tenantWork.call(active.orchestrator(), session ->
                session.find(FineTuningJob.class, active.id()));
        if (job == null || job.status != JobStatus.RUNNING) {
            return;
        }
        TrainerOutputs outputs;
        try {
            outputs = TrainerOutputs.check(folder, job.privacy == null ? null : job.privacy.targetEpsilon());
        } catch (TrainerOutputs.InvalidTrainerOutputException e) {
            fail(active, job, new JobError(JobError.INVALID_TRAINER_OUTPUT,
                    "The trainer's outputs cannot be registered: " + e.getMessage(), null));
            return;
        }
        JsonNode signature = outputs.signature();
        JsonNode metrics = outputs.metrics();
        String name = job.registeredModelName();
        int version;
        try {
            String sha256 = registry.uploadArtifact(folder.model(), tenant);
            version = registry.registerVersion(name,
                    VersionRegistration.of(job, sha256, signature, metrics), tenant);
        } catch (UpstreamException e) {
            if (e.isRetryable()) {
                throw e;
            }
            fail(active, job, JobError.failed("The registry refused the trained model: " + e.getMessage()));
            return;
        }
        Double epsilon = job.privacy == null ? null : epsilonSpent(folder, metrics);
        tenantWork.run(active.orchestrator(), session ->
                JobTransitions.lockIfIn(session, job.id, JobStatus.RUNNING).ifPresent(locked -> {
                    locked.fineTunedModel = name + "@" + version;
                    locked.epsilonSpent = epsilon;
                    JobTransitions.move(session, locked, JobStatus.SUCCEEDED,
                            "New fine-tuned model created: " + locked.fineTunedModel);
                    locked.trainerHandle().ifPresent(executor::release);
                }));
    }

    private void fail(ActiveJob active, FineTuningJob job, JobError error) {
        tenantWork.run(active.orchestrator(), session ->
                JobTransitions.lockIfIn(session, job.id, JobStatus.RUNNING).ifPresent(locked -> {
                    JobTransitions.fail(session, locked, error);
                    locked.trainerHandle().ifPresent(executor::release);
                }));
    }

    /** The {@code completed} line's epsilon, or else the one in {@code metrics.json}. */
    private static Double epsilonSpent(JobFolder folder, JsonNode metrics) {
        OptionalDouble reported = folder.lastProgressLine().filter(line -> line.is(ProgressLine.COMPLETED))
                .map(line -> line.number("epsilon")).orElse(OptionalDouble.empty());
        if (reported.isPresent()) {
            return reported.getAsDouble();
        }
        return metrics.path("epsilon").isNumber() ? metrics.get("epsilon").asDouble() : null;
    }
}
