package io.canopy.controlplane.auth.db;

import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.common.TenantStatus;
import java.util.Set;
import java.util.UUID;

/**
 * An active API key joined with its tenant, as the authenticator needs it. {@code topic} is the
 * tenant's dedicated datasource's topic, or null when its events go to the pooled topic.
 */
public record ApiKeyRow(
    UUID id,
    String prefix,
    UUID tenantId,
    String tenantSlug,
    TenantStatus tenantStatus,
    Quotas quotas,
    byte[] secretHash,
    Set<String> scopes,
    String topic,
    String dedicatedDatasource) {}
