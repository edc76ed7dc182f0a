package io.canopy.controlplane.tenant.api;

import io.canopy.controlplane.common.Quotas;

/**
 * Body of {@code POST /v1/tenants} (slug and name required) and {@code PATCH /v1/tenants/{tenant}}
 * (slug not allowed; name and any quotas optional, the rest unchanged).
 */
public record TenantRequest(String slug, String name, Quotas quotas) {}
