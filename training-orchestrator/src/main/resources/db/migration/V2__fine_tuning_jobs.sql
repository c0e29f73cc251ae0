-- Fine-tuning jobs and their events. Both belong to a tenant and are guarded by row-level security.
CREATE TABLE fine_tuning_job (
    id                  text             PRIMARY KEY,
    tenant_id           text             NOT NULL,
    model               text             NOT NULL,
    base_model_name     text,
    base_model_version  integer,
    training_file       text             NOT NULL,
    validation_file     text,
    hyperparameters     jsonb            NOT NULL,
    method              jsonb            NOT NULL,
    -- NULL: plain SGD, no privacy budget.
    privacy             jsonb,
    seed                bigint           NOT NULL,
    suffix              text,
    label_column        text             NOT NULL,
    status              text             NOT NULL CHECK (status IN
                            ('VALIDATING_FILES', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    created_at          timestamptz      NOT NULL,
    finished_at         timestamptz,
    fine_tuned_model    text,
    trained_rows        bigint,
    epsilon_spent       double precision,
    error               jsonb,
    -- The trainer process: its id and start time tell it apart from a later process that reuses the id.
    trainer_pid         bigint,
    trainer_started_at  timestamptz,
    -- Bytes of progress.jsonl already turned into events; a restarted orchestrator continues from here.
    progress_offset     bigint           NOT NULL DEFAULT 0
);

CREATE INDEX fine_tuning_job_tenant_id ON fine_tuning_job (tenant_id, id);
CREATE INDEX fine_tuning_job_active ON fine_tuning_job (id) WHERE status IN ('VALIDATING_FILES', 'QUEUED', 'RUNNING');

ALTER TABLE fine_tuning_job ENABLE ROW LEVEL SECURITY;
ALTER TABLE fine_tuning_job FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fine_tuning_job
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));

-- The supervisor moves every tenant's jobs along, so it must find them before it knows their tenant. Only
-- the schema owner (this migration's role) may read unfinished jobs across tenants, and only through the
-- function below, which returns nothing but ids, tenants and statuses. The service's role never gets the policy.
CREATE POLICY supervisor_reads_active_jobs ON fine_tuning_job FOR SELECT TO CURRENT_USER
    USING (status IN ('VALIDATING_FILES', 'QUEUED', 'RUNNING'));

CREATE FUNCTION active_fine_tuning_jobs()
RETURNS TABLE (id text, tenant_id text, status text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${flyway:defaultSchema}, pg_temp AS $$
    SELECT j.id, j.tenant_id, j.status
      FROM fine_tuning_job j
     WHERE j.status IN ('VALIDATING_FILES', 'QUEUED', 'RUNNING')
     ORDER BY j.id;
$$;
REVOKE ALL ON FUNCTION active_fine_tuning_jobs() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION active_fine_tuning_jobs() TO ${app_role};

CREATE TABLE fine_tuning_job_event (
    -- Orders events: many share a millisecond, so their time-sortable ids would not.
    seq         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id          text        NOT NULL UNIQUE,
    tenant_id   text        NOT NULL,
    job_id      text        NOT NULL REFERENCES fine_tuning_job(id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    level       text        NOT NULL CHECK (level IN ('INFO', 'WARN', 'ERROR')),
    type        text        NOT NULL CHECK (type IN ('MESSAGE', 'METRICS')),
    message     text        NOT NULL,
    data        jsonb       NOT NULL
);

CREATE INDEX fine_tuning_job_event_job ON fine_tuning_job_event (job_id, seq);

ALTER TABLE fine_tuning_job_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE fine_tuning_job_event FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fine_tuning_job_event
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));
