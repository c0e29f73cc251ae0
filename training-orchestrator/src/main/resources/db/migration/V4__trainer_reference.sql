-- A trainer is no longer always a local process: the Kubernetes executor names its Job instead of a process id.
ALTER TABLE fine_tuning_job ADD COLUMN trainer text;
UPDATE fine_tuning_job SET trainer = trainer_pid::text WHERE trainer_pid IS NOT NULL;
ALTER TABLE fine_tuning_job DROP COLUMN trainer_pid;
-- What the cluster last said about the trainer (admitted, queue position, retried after an eviction), so that a
-- restarted orchestrator records an event only when that changes.
ALTER TABLE fine_tuning_job ADD COLUMN trainer_note text;

-- The supervisor also needs to know which queued jobs have been handed to the executor already: on Kubernetes a
-- job stays queued, with its Job created, until Kueue admits it. A new result column means a new function.
DROP FUNCTION active_fine_tuning_jobs();
CREATE FUNCTION active_fine_tuning_jobs()
RETURNS TABLE (id text, tenant_id text, status text, launched boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${flyway:defaultSchema}, pg_temp AS $$
    SELECT j.id, j.tenant_id, j.status, j.trainer IS NOT NULL
      FROM fine_tuning_job j
     WHERE j.status IN ('VALIDATING_FILES', 'QUEUED', 'RUNNING')
        OR (j.budget_reservation IS NOT NULL AND NOT j.budget_settled)
     ORDER BY j.id;
$$;
REVOKE ALL ON FUNCTION active_fine_tuning_jobs() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION active_fine_tuning_jobs() TO ${app_role};
