package io.canopy.controlplane.db;

import java.util.Set;
import java.util.UUID;

/** An active API key joined with its tenant's slug, as the authenticator needs it. */
public record ApiKeyRow(
    UUID id, UUID tenantId, String tenantSlug, byte[] secretHash, Set<String> scopes) {}
