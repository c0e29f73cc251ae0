-- When the model servers change (Kubernetes discovery), the registry places every deployed model again, so it
-- must find them before it knows their tenant. Only the schema owner (this migration's role) may read models and
-- aliases across tenants, and only through the function below, which returns nothing but the ids, tenants and
-- names of models some alias points at. The service's role never gets the policies.
CREATE POLICY placement_reads_models ON registered_model FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY placement_reads_aliases ON model_alias FOR SELECT TO CURRENT_USER USING (true);

CREATE FUNCTION deployed_models()
RETURNS TABLE (id text, tenant_id text, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = ${flyway:defaultSchema}, pg_temp AS $$
    SELECT m.id, m.tenant_id, m.name
      FROM registered_model m
     WHERE EXISTS (SELECT 1 FROM model_alias a WHERE a.model_id = m.id)
     ORDER BY m.id;
$$;
REVOKE ALL ON FUNCTION deployed_models() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION deployed_models() TO ${app_role};
