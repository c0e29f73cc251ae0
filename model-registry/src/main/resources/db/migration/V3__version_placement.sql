-- Which model servers each served version is loaded on: rewritten by every deploy of the model, read by the
-- serving resolution so routers know where to send calls. Tenant-owned and bound by row-level security.
CREATE TABLE version_placement (
    tenant_id text        NOT NULL,
    model_id  text        NOT NULL REFERENCES registered_model (id) ON DELETE CASCADE,
    version   integer     NOT NULL,
    backend   text        NOT NULL,
    placed_at timestamptz NOT NULL,
    PRIMARY KEY (model_id, version, backend)
);

ALTER TABLE version_placement ENABLE ROW LEVEL SECURITY;
ALTER TABLE version_placement FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON version_placement
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));
