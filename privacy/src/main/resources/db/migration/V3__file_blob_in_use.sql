-- Blobs are content-addressed and shared, so two tenants' files can name the same blob. Row-level security
-- hides other tenants' rows from the service's role, yet deleting a blob needs to know that no file of any
-- tenant names it. This function answers exactly that, as a boolean, with its owner's rights.

-- FORCE ROW LEVEL SECURITY binds the owner too; the owner (the role running these migrations) may read every
-- row, which it can anyway by altering the table, and only the function below lends that to the service.
CREATE POLICY blob_reference_check ON file FOR SELECT TO CURRENT_USER USING (true);

CREATE FUNCTION file_blob_in_use(blob_sha256 text) RETURNS boolean
    LANGUAGE sql
    STABLE
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (SELECT 1 FROM ${flyway:defaultSchema}.file WHERE sha256 = blob_sha256)
$$;

REVOKE ALL ON FUNCTION file_blob_in_use(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION file_blob_in_use(text) TO ${app_role};
