-- Erasures: a deleted pooled tenant's rows leave the shared events datasource through filtered
-- compaction tasks, pass after pass, until Druid shows none. One per tenant.
CREATE TABLE erasures (
    tenant_id     UUID PRIMARY KEY REFERENCES tenants (id),
    tenant_slug   TEXT NOT NULL,
    datasource    TEXT NOT NULL,
    -- Every row of the tenant lies in here: from its creation less the oldest timestamp ingest
    -- accepts, to its deletion plus the newest.
    range_start   TIMESTAMPTZ NOT NULL,
    range_end     TIMESTAMPTZ NOT NULL,
    state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
    -- The compaction tasks of the pass under way; empty between passes.
    task_ids      TEXT[] NOT NULL DEFAULT '{}',
    pass_is_cold  BOOLEAN NOT NULL DEFAULT false,
    cold_done     BOOLEAN NOT NULL DEFAULT false,
    passes        INT NOT NULL DEFAULT 0,
    handoff_at    TIMESTAMPTZ,
    last_error    TEXT,
    requested_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at  TIMESTAMPTZ
);

CREATE INDEX erasures_pending ON erasures (requested_at) WHERE state = 'pending';
