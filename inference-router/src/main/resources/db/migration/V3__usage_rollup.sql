-- Usage per tenant, model, version and UTC hour, maintained in the transaction that inserts the events
-- (only the events actually inserted count, so a batch delivered twice is counted once). Reports and
-- invoices read this table, never the events.
CREATE TABLE usage_hourly (
    tenant_id  text        NOT NULL,
    model      text        NOT NULL,
    version    text        NOT NULL,
    hour       timestamptz NOT NULL,
    -- Successful inferences (the billed ones), their batch rows and the time the model servers took.
    requests   bigint      NOT NULL,
    row_count  bigint      NOT NULL,
    latency_us bigint      NOT NULL,
    errors     bigint      NOT NULL,
    PRIMARY KEY (tenant_id, hour, model, version)
);

-- Events delivered before this table existed; the owner reads them past row-level security only here.
ALTER TABLE usage_event NO FORCE ROW LEVEL SECURITY;
INSERT INTO usage_hourly (tenant_id, model, version, hour, requests, row_count, latency_us, errors)
SELECT tenant_id, model, version, date_trunc('hour', occurred_at, 'UTC'),
       count(*) FILTER (WHERE status = 'ok'),
       coalesce(sum(row_count) FILTER (WHERE status = 'ok'), 0),
       coalesce(sum(latency_us) FILTER (WHERE status = 'ok'), 0),
       count(*) FILTER (WHERE status <> 'ok')
  FROM usage_event
 GROUP BY 1, 2, 3, 4;
ALTER TABLE usage_event FORCE ROW LEVEL SECURITY;

ALTER TABLE usage_hourly ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_hourly FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON usage_hourly
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));
