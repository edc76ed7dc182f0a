package io.canopy.controlplane.db;

import io.canopy.controlplane.tenant.Quotas;
import io.canopy.controlplane.tenant.TenantStatus;
import java.util.Set;
import java.util.UUID;

/** An active API key joined with its tenant, as the authenticator needs it. */
public record ApiKeyRow(
    UUID id,
    String prefix,
    UUID tenantId,
    String tenantSlug,
    TenantStatus tenantStatus,
    Quotas quotas,
    byte[] secretHash,
    Set<String> scopes) {}
