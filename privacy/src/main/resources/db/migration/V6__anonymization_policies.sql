-- Anonymization policies: a tenant's operators per entity type and per column. A policy's versions are
-- immutable; an update adds the next one. Files record the version that anonymized them.
CREATE TABLE anonymization_policy (
    id              text        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    name            text        NOT NULL,
    latest_version  integer     NOT NULL CHECK (latest_version >= 1),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);

CREATE INDEX anonymization_policy_tenant_id ON anonymization_policy (tenant_id, id);

CREATE TABLE anonymization_policy_version (
    id           text        PRIMARY KEY,
    tenant_id    text        NOT NULL,
    policy_id    text        NOT NULL REFERENCES anonymization_policy (id),
    version      integer     NOT NULL CHECK (version >= 1),
    name         text        NOT NULL,
    description  text,
    rules        jsonb       NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    UNIQUE (policy_id, version)
);

ALTER TABLE anonymization_policy ENABLE ROW LEVEL SECURITY;
ALTER TABLE anonymization_policy FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON anonymization_policy
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));

ALTER TABLE anonymization_policy_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE anonymization_policy_version FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON anonymization_policy_version
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));

-- Files stored before policies existed were anonymized exactly as the platform default policy does.
ALTER TABLE file ADD COLUMN policy_id text NOT NULL DEFAULT 'default';
ALTER TABLE file ADD COLUMN policy_version integer NOT NULL DEFAULT 1;
ALTER TABLE file ALTER COLUMN policy_id DROP DEFAULT;
ALTER TABLE file ALTER COLUMN policy_version DROP DEFAULT;
