package io.canopy.controlplane.tenant.api;

import io.canopy.controlplane.tenant.Tenant;
import io.canopy.controlplane.tenant.db.TenantDao;
import java.util.Optional;

/**
 * A deliberate violation, in test sources only: a resource that reads a DAO instead of going
 * through its feature's service. {@code ArchitectureRulesFailTest} shows the rule catches it.
 */
final class DaoReadingResourceFixture {
  Optional<Tenant> get(TenantDao dao, String slug) {
    return dao.findBySlug(slug);
  }
}
