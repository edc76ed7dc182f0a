-- Idempotency keys of POST /v1/events: a resent batch with the same key gets the first answer and
-- stores nothing again. Kept 24 hours (a job deletes older ones).
CREATE TABLE idempotency_keys (
    tenant_id        UUID NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    idempotency_key  TEXT NOT NULL,
    -- SHA-256 of the request body: the same key with another batch is refused.
    request_hash     BYTEA NOT NULL,
    -- started: being handled; committing: Kafka acknowledged every record and the commit was
    -- asked for (the answer below is what the request will say); done: committed or nothing to send.
    state            TEXT NOT NULL CHECK (state IN ('started', 'committing', 'done')),
    -- Where the batch's first record lies, to ask Kafka whether a commit that nobody saw finish
    -- happened.
    kafka_topic      TEXT,
    kafka_partition  INT,
    kafka_offset     BIGINT,
    response         TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, idempotency_key)
);

CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
