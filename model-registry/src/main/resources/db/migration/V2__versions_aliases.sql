-- Artifacts, model versions and aliases (with their history). Every table is tenant-owned and bound by
-- row-level security like registered_model.

-- A tenant owns a blob once it uploaded it; the same bytes uploaded by two tenants are two rows, one blob.
CREATE TABLE artifact (
    tenant_id  text        NOT NULL,
    sha256     text        NOT NULL,
    size       bigint      NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, sha256)
);

-- Immutable once registered, apart from tags. Numbers run 1, 2, 3… per model.
CREATE TABLE model_version (
    id              text        PRIMARY KEY,
    tenant_id       text        NOT NULL,
    model_id        text        NOT NULL REFERENCES registered_model (id) ON DELETE CASCADE,
    version         integer     NOT NULL CHECK (version > 0),
    artifact_sha256 text        NOT NULL,
    artifact_size   bigint      NOT NULL,
    format          text        NOT NULL,
    description     text,
    signature       jsonb       NOT NULL,
    metrics         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    lineage         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    tags            jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at      timestamptz NOT NULL,
    created_by      text        NOT NULL,
    CONSTRAINT model_version_number_per_model UNIQUE (model_id, version),
    CONSTRAINT model_version_artifact_owned FOREIGN KEY (tenant_id, artifact_sha256)
        REFERENCES artifact (tenant_id, sha256)
);

-- No cascade from versions: an alias keeps its version (and so the deployed files) alive.
CREATE TABLE model_alias (
    id         text        PRIMARY KEY,
    tenant_id  text        NOT NULL,
    model_id   text        NOT NULL REFERENCES registered_model (id),
    alias      text        NOT NULL,
    version    integer     NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL,
    CONSTRAINT model_alias_name_per_model UNIQUE (model_id, alias),
    CONSTRAINT model_alias_version FOREIGN KEY (model_id, version) REFERENCES model_version (model_id, version)
);

-- Every move of an alias, in order; kept after the alias is deleted.
CREATE TABLE alias_event (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    text        NOT NULL,
    model_id     text        NOT NULL REFERENCES registered_model (id) ON DELETE CASCADE,
    alias        text        NOT NULL,
    action       text        NOT NULL CHECK (action IN ('set', 'delete')),
    from_version integer,
    to_version   integer,
    actor        text        NOT NULL,
    occurred_at  timestamptz NOT NULL
);
CREATE INDEX alias_event_by_alias ON alias_event (model_id, alias, id);

ALTER TABLE artifact ENABLE ROW LEVEL SECURITY;
ALTER TABLE artifact FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON artifact
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));

ALTER TABLE model_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE model_version FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON model_version
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));

ALTER TABLE model_alias ENABLE ROW LEVEL SECURITY;
ALTER TABLE model_alias FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON model_alias
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));

ALTER TABLE alias_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE alias_event FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alias_event
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));
