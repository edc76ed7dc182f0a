-- API keys: only a SHA-256 of the secret is stored; the prefix finds the row.
CREATE TABLE api_keys (
    id            UUID PRIMARY KEY,
    tenant_id     UUID NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    prefix        TEXT NOT NULL UNIQUE,
    secret_hash   BYTEA NOT NULL,
    scopes        TEXT[] NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at    TIMESTAMPTZ,
    last_used_at  TIMESTAMPTZ
);

CREATE INDEX api_keys_tenant ON api_keys (tenant_id);
