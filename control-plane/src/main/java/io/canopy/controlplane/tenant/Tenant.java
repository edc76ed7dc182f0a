package io.canopy.controlplane.tenant;

import io.canopy.controlplane.common.ConflictException;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.common.TenantStatus;
import java.time.Instant;
import java.util.UUID;

/**
 * A tenant as stored. {@code quotas} holds only what was set for this tenant; {@link
 * TenantService#quotas} fills in the documented defaults for the rest.
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

  /**
   * Refuses a change to a deleted tenant (its keys, datasources, settings): a conflict, since the
   * tenant exists and shows its erasure, but takes nothing new.
   */
  public Tenant requireNotDeleted() {
    if (status == TenantStatus.DELETED) {
      throw new ConflictException(null, "tenant '" + slug + "' is deleted");
    }
    return this;
  }
}
