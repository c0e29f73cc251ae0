package dev.modelyard.training.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.modelyard.training.executor.TrainerResources;
import java.util.List;

/** A job as the API shows it, shaped like OpenAI's {@code fine_tuning.job}; absent values are written as null. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FineTuningJobView(String object, String id, String model, long createdAt, Long finishedAt,
                                String fineTunedModel, String organizationId, String status,
                                Hyperparameters hyperparameters, String trainingFile, String validationFile,
                                List<String> resultFiles, Long trainedRows, JobError error, long seed, String suffix,
                                PrivacyView privacy, String labelColumn, List<String> categoricalColumns,
                                List<String> excludedColumns, Method method, TrainerResources resources) {

    /**
     * The privacy settings, the reservation on the training file's privacy budget that covers them and, once the
     * job succeeded, the epsilon it spent.
     */
    public record PrivacyView(double targetEpsilon, double targetDelta, double maxGradNorm, Double epsilonSpent,
                              String budgetReservation) {
    }

    static FineTuningJobView of(FineTuningJob job) {
        PrivacyView privacy = job.privacy == null ? null : new PrivacyView(job.privacy.targetEpsilon(),
                job.privacy.targetDelta(), job.privacy.maxGradNorm(), job.epsilonSpent, job.budgetReservation);
        ColumnChoice columns = job.columns == null ? ColumnChoice.TRAINER_RULE : job.columns;
        return new FineTuningJobView("fine_tuning.job", job.id, job.model, job.createdAt.getEpochSecond(),
                job.finishedAt == null ? null : job.finishedAt.getEpochSecond(), job.fineTunedModel, job.tenantId,
                job.status.apiName(), job.hyperparameters, job.trainingFile, job.validationFile, List.of(),
                job.trainedRows, job.error, job.seed, job.suffix, privacy, job.labelColumn,
                columns.categoricalColumns(), columns.excludedColumns(), job.method,
                job.resources);
    }
}
