package io.canopy.controlplane.tenant;

import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.common.TenantStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A tenant as stored. {@code quotas} holds only what was set for this tenant; {@link
 * io.canopy.controlplane.tenant.QuotaDefaults} fills in the rest.
 */
public record Tenant(
    UUID id,
    String slug,
    String name,
    TenantStatus status,
    Quotas quotas,
    Instant createdAt,
    Instant updatedAt) {
  /** The columns every tenant query selects, in the mapper's terms. */
  public static final String COLUMNS = "id, slug, name, status, quotas, created_at, updated_at";
}
