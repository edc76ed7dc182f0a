-- Thaws: a cold interval of a dedicated datasource loaded back for a while by a temporary load
-- rule, which the control plane removes when the thaw expires.
CREATE TABLE thaws (
    id             UUID PRIMARY KEY,
    datasource_id  UUID NOT NULL REFERENCES datasources (id) ON DELETE CASCADE,
    interval       TEXT NOT NULL,
    expires_at     TIMESTAMPTZ NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    expired_at     TIMESTAMPTZ
);

CREATE INDEX thaws_due ON thaws (expires_at) WHERE expired_at IS NULL;
CREATE INDEX thaws_datasource ON thaws (datasource_id, created_at);
