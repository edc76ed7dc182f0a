package io.canopy.controlplane.datasource;

import java.time.Instant;
import java.util.UUID;

/** A thaw as stored; {@code expiredAt} is null while its load rule is in place. */
public record Thaw(
    UUID id,
    UUID datasourceId,
    String interval,
    Instant expiresAt,
    Instant createdAt,
    Instant expiredAt) {}
