package dev.modelyard.training.job;

import dev.modelyard.common.time.DatabaseTime;
import dev.modelyard.training.executor.TrainerHandle;
import dev.modelyard.training.executor.TrainerResources;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/** A tenant's fine-tuning job, from its request to the model version it registered. */
@Entity
@Table(name = "fine_tuning_job")
public class FineTuningJob {

    @Id
    public String id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    /** The model as the request named it. */
    @Column(nullable = false)
    public String model;

    /** The registered model continued from, with the version its reference resolved to at creation. */
    @Column(name = "base_model_name")
    public String baseModelName;

    @Column(name = "base_model_version")
    public Integer baseModelVersion;

    @Column(name = "training_file", nullable = false)
    public String trainingFile;

    @Column(name = "validation_file")
    public String validationFile;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Hyperparameters hyperparameters;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Method method;

    @JdbcTypeCode(SqlTypes.JSON)
    public PrivacySettings privacy;

    @Column(nullable = false)
    public long seed;

    public String suffix;

    /** What the job asked of the trainer's machine; null: the executor's defaults. */
    @JdbcTypeCode(SqlTypes.JSON)
    public TrainerResources resources;

    @Column(name = "label_column", nullable = false)
    public String labelColumn;

    /** Null for jobs created before columns could be chosen: the trainer's rule. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "column_choice")
    public ColumnChoice columns;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public JobStatus status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** {@code <name>@<version>} of the registered result. */
    @Column(name = "fine_tuned_model")
    public String fineTunedModel;

    @Column(name = "trained_rows")
    public Long trainedRows;

    @Column(name = "epsilon_spent")
    public Double epsilonSpent;

    /** The reservation on the training file's privacy budget, for a job with privacy. */
    @Column(name = "budget_reservation")
    public String budgetReservation;

    /** Whether the reservation has been committed or refunded, which happens once the job has ended. */
    @Column(name = "budget_settled", nullable = false)
    public boolean budgetSettled;

    @JdbcTypeCode(SqlTypes.JSON)
    public JobError error;

    /** The executor's name for the trainer: a process id, or a Kubernetes Job's name. */
    @Column(name = "trainer")
    public String trainer;

    @Column(name = "trainer_started_at")
    public Instant trainerStartedAt;

    /** What the executor last said about a trainer that waits or was retried; an event marks each change. */
    @Column(name = "trainer_note")
    public String trainerNote;

    /** Bytes of {@code progress.jsonl} already turned into events. */
    @Column(name = "progress_offset", nullable = false)
    public long progressOffset;

    /** @throws IllegalStateException when the job cannot go there from where it is */
    public void moveTo(JobStatus next) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("Job " + id + " cannot go from " + status + " to " + next);
        }
        status = next;
        if (next.isTerminal()) {
            finishedAt = DatabaseTime.now();
        }
    }

    public Optional<TrainerHandle> trainerHandle() {
        return trainer == null ? Optional.empty() : Optional.of(new TrainerHandle(trainer, trainerStartedAt));
    }

    public void attach(TrainerHandle handle) {
        trainer = handle.trainer();
        trainerStartedAt = handle.startedAt();
    }

    /** {@code name@version} of the base model, or null when training from scratch. */
    public String baseModel() {
        return baseModelName == null ? null : baseModelName + "@" + baseModelVersion;
    }

    /**
     * The registry name of the result: the suffix when given, the base model's name when continuing one,
     * otherwise {@code tabular-classifier-} and the end of the job id.
     */
    public String registeredModelName() {
        if (suffix != null) {
            return suffix;
        }
        if (baseModelName != null) {
            return baseModelName;
        }
        return ModelReference.FROM_SCRATCH + "-" + id.substring(id.length() - 8).toLowerCase(Locale.ROOT);
    }
}
