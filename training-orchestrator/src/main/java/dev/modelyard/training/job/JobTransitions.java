package dev.modelyard.training.job;

import dev.modelyard.training.event.EventDraft;
import dev.modelyard.training.event.JobEvent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Moves a job to its next status and records the event that says so, in the caller's transaction. */
final class JobTransitions {

    private JobTransitions() {
    }

    /**
     * The job, locked for this transaction, if it is still where the caller last saw it: a cancellation may
     * have come in between, and then the caller's next step no longer applies.
     */
    static Optional<FineTuningJob> lockIfIn(EntityManager entities, String id, JobStatus expected) {
        return Optional.ofNullable(entities.find(FineTuningJob.class, id, LockModeType.PESSIMISTIC_WRITE))
                .filter(job -> job.status == expected);
    }

    static void move(EntityManager entities, FineTuningJob job, JobStatus next, String message) {
        job.moveTo(next);
        entities.persist(JobEvent.of(job.id, EventDraft.info(message)));
    }

    static void fail(EntityManager entities, FineTuningJob job, JobError error) {
        job.moveTo(JobStatus.FAILED);
        job.error = error;
        Map<String, Object> data = new HashMap<>();
        data.put("code", error.code());
        if (error.param() != null) {
            data.put("param", error.param());
        }
        entities.persist(JobEvent.of(job.id, EventDraft.error(error.message(), data)));
    }
}
