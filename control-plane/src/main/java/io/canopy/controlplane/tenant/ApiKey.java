package io.canopy.controlplane.tenant;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An API key's metadata as listed: never its secret or hash. Revoked keys are listed too. */
public record ApiKey(
    UUID id,
    String prefix,
    String name,
    List<String> scopes,
    Instant createdAt,
    Instant lastUsedAt,
    Instant revokedAt) {}
