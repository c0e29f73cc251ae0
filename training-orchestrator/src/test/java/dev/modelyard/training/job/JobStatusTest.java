package dev.modelyard.training.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JobStatusTest {

    @Test
    void movesForwardOrStraightToAnEnd() {
        assertThat(JobStatus.VALIDATING_FILES.canMoveTo(JobStatus.QUEUED)).isTrue();
        assertThat(JobStatus.QUEUED.canMoveTo(JobStatus.RUNNING)).isTrue();
        assertThat(JobStatus.RUNNING.canMoveTo(JobStatus.SUCCEEDED)).isTrue();
        for (JobStatus active : new JobStatus[] {JobStatus.VALIDATING_FILES, JobStatus.QUEUED, JobStatus.RUNNING}) {
            assertThat(active.canMoveTo(JobStatus.CANCELLED)).isTrue();
            assertThat(active.canMoveTo(JobStatus.FAILED)).isTrue();
        }
        assertThat(JobStatus.VALIDATING_FILES.canMoveTo(JobStatus.RUNNING)).isFalse();
        assertThat(JobStatus.QUEUED.canMoveTo(JobStatus.SUCCEEDED)).isFalse();
        assertThat(JobStatus.RUNNING.canMoveTo(JobStatus.QUEUED)).isFalse();
    }

    @Test
    void anEndedJobStaysEnded() {
        for (JobStatus end : new JobStatus[] {JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED}) {
            assertThat(end.isTerminal()).isTrue();
            for (JobStatus next : JobStatus.values()) {
                assertThat(end.canMoveTo(next)).isFalse();
            }
        }
        FineTuningJob job = new FineTuningJob();
        job.id = "ftjob-1";
        job.status = JobStatus.CANCELLED;
        assertThatThrownBy(() -> job.moveTo(JobStatus.RUNNING)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void recordsWhenAJobEnds() {
        FineTuningJob job = new FineTuningJob();
        job.status = JobStatus.QUEUED;
        job.moveTo(JobStatus.RUNNING);
        assertThat(job.finishedAt).isNull();
        job.moveTo(JobStatus.SUCCEEDED);
        assertThat(job.finishedAt).isNotNull();
        assertThat(job.status.apiName()).isEqualTo("succeeded");
    }
}
