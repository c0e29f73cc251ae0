-- A model's traffic split between its aliases (a canary: production 90, candidate 10), applied by routers to
-- calls naming the model's default reference, and every change of it, numbered by revision.
CREATE TABLE traffic_split (
    model_id   text        PRIMARY KEY REFERENCES registered_model (id) ON DELETE CASCADE,
    tenant_id  text        NOT NULL,
    weights    jsonb       NOT NULL,
    revision   integer     NOT NULL CHECK (revision > 0),
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL
);

-- Kept after the split is removed; weights is null for a removal.
CREATE TABLE traffic_split_event (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   text        NOT NULL,
    model_id    text        NOT NULL REFERENCES registered_model (id) ON DELETE CASCADE,
    revision    integer     NOT NULL CHECK (revision > 0),
    action      text        NOT NULL CHECK (action IN ('set', 'delete')),
    weights     jsonb,
    actor       text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    CONSTRAINT traffic_split_event_revision UNIQUE (model_id, revision)
);

ALTER TABLE traffic_split ENABLE ROW LEVEL SECURITY;
ALTER TABLE traffic_split FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON traffic_split
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));

ALTER TABLE traffic_split_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE traffic_split_event FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON traffic_split_event
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));
