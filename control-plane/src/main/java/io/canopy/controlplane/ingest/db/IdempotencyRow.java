package io.canopy.controlplane.ingest.db;

import java.time.Instant;
import java.util.UUID;

/**
 * An idempotency key as stored. The Kafka position and the response are null until the batch
 * reaches {@code committing}; {@code response} is the JSON the request answered (or will answer).
 */
public record IdempotencyRow(
    UUID tenantId,
    String key,
    byte[] requestHash,
    String state,
    String kafkaTopic,
    Integer kafkaPartition,
    Long kafkaOffset,
    String response,
    Instant updatedAt) {}
