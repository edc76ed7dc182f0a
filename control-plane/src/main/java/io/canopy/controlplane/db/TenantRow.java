package io.canopy.controlplane.db;

import java.time.Instant;
import java.util.UUID;

/** A tenant as stored. */
public record TenantRow(UUID id, String slug, String name, Instant createdAt) {}
