package io.canopy.controlplane.druid;

import io.canopy.controlplane.tenant.Tenant;
import io.canopy.controlplane.tenant.db.TenantDao;
import io.canopy.controlplane.web.ErrorResponse;
import jakarta.ws.rs.core.Response;

/**
 * A deliberate violation, in test sources only: infrastructure that imports a feature, its DAO,
 * {@code web} and JAX-RS. {@code ArchitectureRulesFailTest} shows the rules catch each.
 */
final class LayeringViolationFixture {
  Response answer(Tenant tenant, TenantDao dao) {
    return Response.status(409).entity(new ErrorResponse(tenant.slug(), null, null, null)).build();
  }
}
