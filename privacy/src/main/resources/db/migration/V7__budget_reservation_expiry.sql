-- Reservations expire: one whose computation never settles (a crashed service, a lost job) gives its budget
-- back once expires_at has passed, by the sweeper's EXPIRE; the reserver may EXTEND a reservation it still needs.
-- Reservations made before expiry existed get the default lifetime counted from now, not from their creation,
-- so that none expires the moment this migration runs. Row-level security binds the owner too, so the rows are
-- filled by a column default (evaluated once), which is then dropped: the service always sets the expiry.
ALTER TABLE privacy_budget_reservation ADD COLUMN expires_at timestamptz NOT NULL DEFAULT now() + interval '24 hours';
ALTER TABLE privacy_budget_reservation ALTER COLUMN expires_at DROP DEFAULT;

ALTER TABLE privacy_budget_reservation DROP CONSTRAINT privacy_budget_reservation_status_check;
ALTER TABLE privacy_budget_reservation ADD CONSTRAINT privacy_budget_reservation_status_check
    CHECK (status IN ('RESERVED', 'COMMITTED', 'REFUNDED', 'EXPIRED'));

ALTER TABLE privacy_budget_event DROP CONSTRAINT privacy_budget_event_action_check;
ALTER TABLE privacy_budget_event ADD CONSTRAINT privacy_budget_event_action_check
    CHECK (action IN ('RESERVE', 'COMMIT', 'REFUND', 'SET_LIMITS', 'EXPIRE', 'EXTEND'));

CREATE INDEX privacy_budget_reservation_due ON privacy_budget_reservation (expires_at) WHERE status = 'RESERVED';

-- The sweeper finds due reservations of every tenant before it knows their tenants. Only the schema owner may
-- read them across tenants, and only through the function below, which returns ids and tenants and nothing
-- more; the sweeper then expires each as its tenant, under row-level security like any request.
CREATE POLICY sweeper_reads_due_reservations ON privacy_budget_reservation FOR SELECT TO CURRENT_USER
    USING (status = 'RESERVED');

CREATE FUNCTION due_budget_reservations(due_at timestamptz, max_rows integer)
RETURNS TABLE (id text, tenant_id text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT r.id, r.tenant_id
      FROM ${flyway:defaultSchema}.privacy_budget_reservation r
     WHERE r.status = 'RESERVED' AND r.expires_at <= due_at
     ORDER BY r.expires_at
     LIMIT max_rows;
$$;
REVOKE ALL ON FUNCTION due_budget_reservations(timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION due_budget_reservations(timestamptz, integer) TO ${app_role};
