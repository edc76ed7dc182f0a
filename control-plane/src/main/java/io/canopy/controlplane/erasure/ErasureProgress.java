package io.canopy.controlplane.erasure;

import java.time.Instant;

/**
 * How far the erasure of a deleted tenant's pooled rows has come: {@code pending} until Druid shows
 * none of them, then {@code done}; {@code passes} counts the compaction passes, {@code lastError}
 * the last one that failed and was tried again.
 */
public record ErasureProgress(
    ErasureState state,
    String datasource,
    Instant requestedAt,
    Instant completedAt,
    int passes,
    String lastError) {}
