-- Differential-privacy budgets: how much epsilon and delta may still be spent on a file, and across a tenant.
-- The row with no file_id is the tenant's own budget; every file's spending counts against it too. Amounts are
-- numeric so that sums of many small reservations compare exactly with the total.
CREATE TABLE privacy_budget (
    id                text        PRIMARY KEY,
    tenant_id         text        NOT NULL,
    file_id           text,
    epsilon_total     numeric     NOT NULL CHECK (epsilon_total >= 0),
    epsilon_spent     numeric     NOT NULL CHECK (epsilon_spent >= 0),
    epsilon_reserved  numeric     NOT NULL CHECK (epsilon_reserved >= 0),
    delta_total       numeric     NOT NULL CHECK (delta_total >= 0),
    delta_spent       numeric     NOT NULL CHECK (delta_spent >= 0),
    delta_reserved    numeric     NOT NULL CHECK (delta_reserved >= 0),
    updated_at        timestamptz NOT NULL,
    -- The service never lets a budget be overspent; should it ever try, the database refuses as well.
    CHECK (epsilon_spent + epsilon_reserved <= epsilon_total),
    CHECK (delta_spent + delta_reserved <= delta_total)
);

-- One budget per file and one per tenant: the rows are created lazily, and concurrent first uses meet here.
CREATE UNIQUE INDEX privacy_budget_per_file ON privacy_budget (tenant_id, file_id) WHERE file_id IS NOT NULL;
CREATE UNIQUE INDEX privacy_budget_per_tenant ON privacy_budget (tenant_id) WHERE file_id IS NULL;

-- Budget held for a computation on a file until it reports what it spent (commit) or that it did not run (refund).
CREATE TABLE privacy_budget_reservation (
    id             text        PRIMARY KEY,
    tenant_id      text        NOT NULL,
    file_id        text        NOT NULL,
    epsilon        numeric     NOT NULL CHECK (epsilon >= 0),
    delta          numeric     NOT NULL CHECK (delta >= 0),
    purpose        text        NOT NULL,
    reference      text,
    status         text        NOT NULL CHECK (status IN ('RESERVED', 'COMMITTED', 'REFUNDED')),
    epsilon_spent  numeric     CHECK (epsilon_spent >= 0 AND epsilon_spent <= epsilon),
    delta_spent    numeric     CHECK (delta_spent >= 0 AND delta_spent <= delta),
    created_by     text        NOT NULL,
    created_at     timestamptz NOT NULL,
    settled_at     timestamptz
);

CREATE INDEX privacy_budget_reservation_file ON privacy_budget_reservation (tenant_id, file_id);

-- The audit trail: every reservation, commit, refund and change of limits, with who did it.
CREATE TABLE privacy_budget_event (
    -- Orders events: many share a millisecond, so their time-sortable ids would not.
    seq             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              text        NOT NULL UNIQUE,
    tenant_id       text        NOT NULL,
    file_id         text        NOT NULL,
    reservation_id  text,
    action          text        NOT NULL CHECK (action IN ('RESERVE', 'COMMIT', 'REFUND', 'SET_LIMITS')),
    epsilon         numeric     NOT NULL,
    delta           numeric     NOT NULL,
    purpose         text,
    reference       text,
    subject         text        NOT NULL,
    created_at      timestamptz NOT NULL
);

CREATE INDEX privacy_budget_event_file ON privacy_budget_event (file_id, seq);

ALTER TABLE privacy_budget ENABLE ROW LEVEL SECURITY;
ALTER TABLE privacy_budget FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON privacy_budget
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));

ALTER TABLE privacy_budget_reservation ENABLE ROW LEVEL SECURITY;
ALTER TABLE privacy_budget_reservation FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON privacy_budget_reservation
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));

ALTER TABLE privacy_budget_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE privacy_budget_event FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON privacy_budget_event
    USING (tenant_id = current_setting('modelyard.tenant', true))
    WITH CHECK (tenant_id = current_setting('modelyard.tenant', true));
