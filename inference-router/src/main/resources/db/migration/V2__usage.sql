-- Usage events: one per answered inference, written in batches by the router's usage recorder.
-- Only status 'ok' is billed; failures are kept for the usage report.
CREATE TABLE usage_event (
    id          text        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    api_key_id  text,
    subject     text        NOT NULL,
    model       text        NOT NULL,
    version     text        NOT NULL,
    row_count   bigint      NOT NULL,
    latency_us  bigint      NOT NULL,
    status      text        NOT NULL,
    occurred_at timestamptz NOT NULL
);

CREATE INDEX usage_event_tenant_occurred_at ON usage_event (tenant_id, occurred_at);

ALTER TABLE usage_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_event FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON usage_event
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));
