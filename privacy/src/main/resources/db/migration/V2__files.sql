-- Uploaded files: a tenant's datasets, anonymized on upload. The content is the blob named by sha256.
CREATE TABLE file (
    id          text        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    filename    text        NOT NULL,
    purpose     text        NOT NULL,
    format      text        NOT NULL,
    bytes       bigint      NOT NULL,
    rows        bigint      NOT NULL,
    columns     jsonb       NOT NULL,
    sha256      text        NOT NULL,
    pii_report  jsonb       NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE INDEX file_tenant_id ON file (tenant_id, id);

ALTER TABLE file ENABLE ROW LEVEL SECURITY;
ALTER TABLE file FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON file
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));
