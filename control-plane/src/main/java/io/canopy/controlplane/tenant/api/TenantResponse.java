package io.canopy.controlplane.tenant.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.canopy.controlplane.audit.NamesTenant;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.common.TenantStatus;
import io.canopy.controlplane.tenant.Tenant;
import io.canopy.controlplane.tenant.TenantDetails;
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
    ErasureResponse erasure)
    implements NamesTenant {
  public static TenantResponse of(TenantDetails details) {
    Tenant t = details.tenant();
    return new TenantResponse(
        t.slug(),
        t.name(),
        t.status(),
        details.quotas(),
        t.createdAt(),
        t.updatedAt(),
        details.erasure().map(ErasureResponse::of).orElse(null));
  }
}
