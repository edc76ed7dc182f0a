package io.canopy.controlplane.tenant.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.common.TenantStatus;
import java.time.Instant;

/**
 * A tenant as the API shows it: every quota, defaults filled in; a deleted tenant also shows the
 * erasure of its pooled rows.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TenantResponse(
    String slug,
    String name,
    TenantStatus status,
    Quotas quotas,
    Instant createdAt,
    Instant updatedAt,
    ErasureResponse erasure) {}
