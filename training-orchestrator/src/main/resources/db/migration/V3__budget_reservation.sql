-- A job with privacy holds a reservation on its training file's privacy budget from its creation on. Once the job
-- has ended the reservation is settled: the epsilon the trainer spent is committed after a success, everything is
-- refunded after a failure or a cancellation.
ALTER TABLE fine_tuning_job ADD COLUMN budget_reservation text;
-- Whether the privacy service confirmed the commit or refund; until it has, every poll asks again.
ALTER TABLE fine_tuning_job ADD COLUMN budget_settled boolean NOT NULL DEFAULT false;

-- An ended job whose reservation is not settled still needs the supervisor, so the supervisor's function lists it
-- beside the unfinished ones, and the schema owner may read such rows across tenants, as it may unfinished ones.
CREATE POLICY supervisor_reads_unsettled_budgets ON fine_tuning_job FOR SELECT TO CURRENT_USER
    USING (budget_reservation IS NOT NULL AND NOT budget_settled);

CREATE INDEX fine_tuning_job_unsettled_budget ON fine_tuning_job (id)
    WHERE budget_reservation IS NOT NULL AND NOT budget_settled;

CREATE OR REPLACE FUNCTION active_fine_tuning_jobs()
RETURNS TABLE (id text, tenant_id text, status text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${flyway:defaultSchema}, pg_temp AS $$
    SELECT j.id, j.tenant_id, j.status
      FROM fine_tuning_job j
     WHERE j.status IN ('VALIDATING_FILES', 'QUEUED', 'RUNNING')
        OR (j.budget_reservation IS NOT NULL AND NOT j.budget_settled)
     ORDER BY j.id;
$$;
