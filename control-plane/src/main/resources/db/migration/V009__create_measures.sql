-- A tenant's own measures, one per (tenant, datasource, name): the query model's JSON definition
-- (a sum, min or max over a column with an optional filter, or a ratio of two measures).
CREATE TABLE measures (
    tenant_id  UUID        NOT NULL REFERENCES tenants (id),
    datasource TEXT        NOT NULL,
    name       TEXT        NOT NULL,
    definition JSONB       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, datasource, name)
);
