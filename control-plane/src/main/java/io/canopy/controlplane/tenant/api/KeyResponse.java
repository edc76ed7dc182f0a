package io.canopy.controlplane.tenant.api;

import io.canopy.controlplane.tenant.ApiKey;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A tenant's API key as the list shows it: never its secret or hash. */
public record KeyResponse(
    UUID id,
    String prefix,
    String name,
    List<String> scopes,
    Instant createdAt,
    Instant lastUsedAt,
    Instant revokedAt) {
  static KeyResponse of(ApiKey k) {
    return new KeyResponse(
        k.id(), k.prefix(), k.name(), k.scopes(), k.createdAt(), k.lastUsedAt(), k.revokedAt());
  }
}
