package dev.modelyard.training.job;

import dev.modelyard.common.tenant.TenantWork;
import dev.modelyard.training.clients.PrivacyClient;
import dev.modelyard.training.clients.UpstreamException;
import dev.modelyard.training.event.EventDraft;
import dev.modelyard.training.event.JobEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Settles an ended job's privacy budget reservation: commits the epsilon the trainer spent after a success,
 * refunds the reservation after a failure or a cancellation. The supervisor lists ended jobs until their
 * reservation is settled, so a call that failed, or whose answer was lost in a restart, is made again on a later
 * poll; the privacy service settles a reservation once however often it is asked.
 */
@ApplicationScoped
class BudgetSettlement {

    private static final Logger LOG = Logger.getLogger(BudgetSettlement.class);

    private final TenantWork tenantWork;
    private final PrivacyClient privacy;

    BudgetSettlement(TenantWork tenantWork, PrivacyClient privacy) {
        this.tenantWork = tenantWork;
        this.privacy = privacy;
    }

    /** @throws UpstreamException when the privacy service is unavailable for now; the supervisor tries again later */
    void settle(ActiveJob active) {
        String tenant = active.tenant();
        FineTuningJob job = tenantWork.call(active.orchestrator(), session ->
                session.find(FineTuningJob.class, active.id()));
        if (job == null || !job.status.isTerminal() || job.budgetReservation == null || job.budgetSettled) {
            return;
        }
        String refusal = null;
        try {
            if (job.status == JobStatus.SUCCEEDED) {
                privacy.commitBudget(job.budgetReservation, spentEpsilon(job), tenant);
            } else {
                privacy.refundBudget(job.budgetReservation, tenant);
            }
        } catch (UpstreamException e) {
            if (e.isRetryable()) {
                throw e;
            }
            // Asking again would be refused again; the job says so rather than being retried forever.
            refusal = "The privacy budget reservation " + job.budgetReservation + " could not be settled: "
                    + e.upstreamDetail();
            LOG.errorf("Fine-tuning job %s: %s", job.id, refusal);
        }
        String problem = refusal;
        tenantWork.run(active.orchestrator(), session -> {
            FineTuningJob stored = session.find(FineTuningJob.class, job.id);
            stored.budgetSettled = true;
            if (problem != null) {
                session.persist(JobEvent.of(job.id, EventDraft.error(problem, Map.of())));
            }
        });
    }

    /** What the trainer reported, never more than the reservation holds; all of it when the trainer said nothing. */
    private static Double spentEpsilon(FineTuningJob job) {
        return job.epsilonSpent == null ? null : Math.min(job.epsilonSpent, job.privacy.targetEpsilon());
    }
}
