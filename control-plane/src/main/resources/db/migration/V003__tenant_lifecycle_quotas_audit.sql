-- Tenant lifecycle and quotas. Quotas are JSON so a new quota needs no migration; fields left out
-- take the documented defaults (see Quotas.java and docs/operations.md).
ALTER TABLE tenants
    ADD COLUMN status     TEXT NOT NULL DEFAULT 'active'
                          CHECK (status IN ('active', 'suspended', 'deleted')),
    ADD COLUMN quotas     JSONB NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now();

-- A key's name says what it is for ("web checkout", "etl"); never secret.
ALTER TABLE api_keys ADD COLUMN name TEXT NOT NULL DEFAULT '';

-- Every admin action: who, what, on which target, when, and how it ended.
CREATE TABLE audit_log (
    id      BIGSERIAL PRIMARY KEY,
    at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    tenant  TEXT,
    target  TEXT NOT NULL,
    status  INT NOT NULL,
    result  TEXT NOT NULL
);

CREATE INDEX audit_log_tenant ON audit_log (tenant, id);
