-- The privacy schema belongs to the owner role; the service's runtime role only reads and writes rows.
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app_role};
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema} GRANT USAGE, SELECT ON SEQUENCES TO ${app_role};
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${app_role};
