package io.canopy.controlplane;

import io.canopy.controlplane.erasure.PooledErasure;
import io.canopy.controlplane.erasure.db.ErasureDao;
import io.canopy.controlplane.tenant.DedicatedDatasources;
import io.canopy.controlplane.tenant.DefaultTenantBootstrap;
import io.canopy.controlplane.tenant.KeyService;
import io.canopy.controlplane.tenant.TenantAccess;
import io.canopy.controlplane.tenant.TenantService;
import io.canopy.controlplane.tenant.api.KeysResource;
import io.canopy.controlplane.tenant.api.TenantsResource;
import io.canopy.controlplane.tenant.db.KeyDao;
import io.canopy.controlplane.tenant.db.TenantDao;
import java.time.Duration;

/** Tenants, their keys, and the erasure of a deleted pooled tenant's rows. */
final class TenantWiring {
  private TenantWiring() {}

  /** What the features above need of tenants. */
  record Tenants(TenantService service, TenantAccess access) {}

  static Tenants wire(Wiring w, DedicatedDatasources datasources) {
    TenantDao tenantDao = w.accessDao(TenantDao.class);
    new DefaultTenantBootstrap(tenantDao, w.config().getBootstrap()).ensure();
    PooledErasure erasure =
        new PooledErasure(
            w.dao(ErasureDao.class),
            w.druid(),
            w.config().getDruid().eventsDatasource,
            Duration.ofHours(w.config().getIngest().maxPastHours),
            Duration.ofMinutes(w.config().getIngest().maxFutureMinutes),
            w.clock());
    w.every("pooled-erasure", w.config().getJobs().erasureEverySeconds, erasure::advanceAll);

    TenantService tenants =
        new TenantService(tenantDao, datasources, w.config().getIngest(), erasure);
    TenantAccess access = new TenantAccess(tenantDao);
    w.register(new TenantsResource(tenants, access));
    w.register(new KeysResource(new KeyService(w.accessDao(KeyDao.class)), access));
    return new Tenants(tenants, access);
  }
}
