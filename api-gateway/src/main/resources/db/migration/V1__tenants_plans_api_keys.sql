-- Plans, tenants and API keys. Plans and tenants are platform data (no tenant owns them);
-- API keys belong to a tenant and are guarded by row-level security.
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema} GRANT USAGE, SELECT ON SEQUENCES TO ${app_role};
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${app_role};

CREATE TABLE plan (
    id                       text          PRIMARY KEY,
    name                     text          NOT NULL,
    requests_per_minute      integer       NOT NULL CHECK (requests_per_minute > 0),
    max_concurrent_jobs      integer       NOT NULL CHECK (max_concurrent_jobs >= 0),
    price_per_1k_inferences  numeric(12,4) NOT NULL,
    price_per_compute_second numeric(12,6) NOT NULL
);

INSERT INTO plan VALUES
    ('free',       'Free',       60,   1,  0.0000, 0.000000),
    ('team',       'Team',       600,  4,  0.5000, 0.000400),
    ('enterprise', 'Enterprise', 6000, 16, 0.3000, 0.000300);

CREATE TABLE tenant (
    id                  text        PRIMARY KEY,
    name                text        NOT NULL,
    plan_id             text        NOT NULL REFERENCES plan(id),
    status              text        NOT NULL CHECK (status IN ('active', 'disabled')),
    -- Quota overrides; NULL means the plan's value.
    requests_per_minute integer     CHECK (requests_per_minute > 0),
    max_concurrent_jobs integer     CHECK (max_concurrent_jobs >= 0),
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);

CREATE TABLE api_key (
    id                  text        PRIMARY KEY,
    tenant_id           text        NOT NULL REFERENCES tenant(id),
    name                text        NOT NULL,
    -- The first characters of the secret, shown in lists so people can tell keys apart.
    prefix              text        NOT NULL,
    -- SHA-256 of the secret; the secret itself is shown once and never stored.
    secret_hash         bytea       NOT NULL UNIQUE,
    scopes              text[]      NOT NULL,
    rate_limit_per_minute integer   CHECK (rate_limit_per_minute > 0),
    created_by          text        NOT NULL,
    created_at          timestamptz NOT NULL,
    expires_at          timestamptz,
    revoked_at          timestamptz,
    last_used_at        timestamptz
);
CREATE INDEX api_key_tenant ON api_key (tenant_id, id);

-- Not FORCEd: the owner-defined lookup below must find a key before its tenant is known.
-- The service's own role is not the owner, so the policy always applies to it.
ALTER TABLE api_key ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_key
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));

-- The one way to read a key across tenants: by the hash of a secret the caller presented, with
-- what the request path needs of its tenant. Also records use, at most once a minute per key,
-- so the hot path rarely writes.
CREATE FUNCTION authenticate_api_key(presented_hash bytea)
RETURNS TABLE (key_id text, tenant_id text, scopes text[], rate_limit_per_minute integer,
               expires_at timestamptz, revoked_at timestamptz, tenant_status text, tenant_requests_per_minute integer)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = ${flyway:defaultSchema}, pg_temp AS $$
    UPDATE api_key k SET last_used_at = now()
     WHERE k.secret_hash = presented_hash
       AND k.revoked_at IS NULL
       AND (k.last_used_at IS NULL OR k.last_used_at < now() - interval '1 minute');
    SELECT k.id, k.tenant_id, k.scopes, k.rate_limit_per_minute, k.expires_at, k.revoked_at,
           t.status, coalesce(t.requests_per_minute, p.requests_per_minute)
      FROM api_key k
      JOIN tenant t ON t.id = k.tenant_id
      JOIN plan p ON p.id = t.plan_id
     WHERE k.secret_hash = presented_hash;
$$;
REVOKE ALL ON FUNCTION authenticate_api_key(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION authenticate_api_key(bytea) TO ${app_role};
