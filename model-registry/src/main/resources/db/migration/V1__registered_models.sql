-- Registered models: a tenant's named models. Versions and aliases hang off them.
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema} GRANT USAGE, SELECT ON SEQUENCES TO ${app_role};
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${app_role};

CREATE TABLE registered_model (
    id          text        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    name        text        NOT NULL,
    description text,
    tags        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT registered_model_name_per_tenant UNIQUE (tenant_id, name)
);

ALTER TABLE registered_model ENABLE ROW LEVEL SECURITY;
ALTER TABLE registered_model FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON registered_model
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));
