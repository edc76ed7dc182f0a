package io.canopy.controlplane.api.model;

import io.canopy.controlplane.tenant.Quotas;
import io.canopy.controlplane.tenant.TenantStatus;
import java.time.Instant;

/** A tenant as the API shows it: every quota, defaults filled in. */
public record TenantResponse(
    String slug,
    String name,
    TenantStatus status,
    Quotas quotas,
    Instant createdAt,
    Instant updatedAt) {}
