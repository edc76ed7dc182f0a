-- Dedicated datasources: a tenant's own Kafka topic, supervisor and Druid datasource.
CREATE TABLE datasources (
    id          UUID PRIMARY KEY,
    tenant_id   UUID NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (name ~ '^[a-z][a-z0-9_]{1,39}$'),
    druid_name  TEXT NOT NULL,
    topic       TEXT NOT NULL,
    preset      TEXT NOT NULL,
    dimensions  TEXT[] NOT NULL,
    status      TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'suspended', 'deleted')),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Names are unique among live datasources; a deleted one frees its name.
CREATE UNIQUE INDEX datasources_live_name ON datasources (tenant_id, name) WHERE status <> 'deleted';
CREATE UNIQUE INDEX datasources_live_druid_name ON datasources (druid_name) WHERE status <> 'deleted';
-- One live dedicated datasource per tenant: it receives all of the tenant's events.
CREATE UNIQUE INDEX datasources_one_per_tenant ON datasources (tenant_id) WHERE status <> 'deleted';
