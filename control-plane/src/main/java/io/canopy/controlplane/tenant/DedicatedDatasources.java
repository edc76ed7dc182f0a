package io.canopy.controlplane.tenant;

import java.util.UUID;

/**
 * What the tenant feature needs to know of a tenant's dedicated datasources, which a feature above
 * it owns: whether one is still live, so a tenant is not deleted from under a running supervisor.
 */
@FunctionalInterface
public interface DedicatedDatasources {
  boolean anyLive(UUID tenantId);
}
