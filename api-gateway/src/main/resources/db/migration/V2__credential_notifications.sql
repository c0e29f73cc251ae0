-- Gateways cache what authenticating a request reads (an API key with its tenant, a person's tenant) and
-- drop it when it changes: every change that could refuse a request is announced on one channel.
-- A key's payload is its secret hash (the cache's key); tenant and plan changes are rare and drop everything.
CREATE FUNCTION notify_api_key_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gateway_credentials', 'key:' || encode(OLD.secret_hash, 'hex'));
    RETURN NULL;
END $$;

CREATE FUNCTION notify_tenancy_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gateway_credentials', TG_TABLE_NAME);
    RETURN NULL;
END $$;

-- Not on last_used_at: authenticating a key writes it once a minute.
CREATE TRIGGER api_key_changed
    AFTER UPDATE OF revoked_at, expires_at, scopes, rate_limit_per_minute, tenant_id, secret_hash OR DELETE ON api_key
    FOR EACH ROW EXECUTE FUNCTION notify_api_key_changed();

CREATE TRIGGER tenant_changed AFTER UPDATE OR DELETE ON tenant
    FOR EACH STATEMENT EXECUTE FUNCTION notify_tenancy_changed();

CREATE TRIGGER plan_changed AFTER UPDATE OR DELETE ON plan
    FOR EACH STATEMENT EXECUTE FUNCTION notify_tenancy_changed();
