package io.canopy.controlplane;

import io.canopy.controlplane.datasource.DatasourceDeletions;
import io.canopy.controlplane.datasource.DatasourceService;
import io.canopy.controlplane.datasource.ThawService;
import io.canopy.controlplane.datasource.api.DatasourcesResource;
import io.canopy.controlplane.datasource.db.DatasourceDao;
import io.canopy.controlplane.datasource.db.ThawDao;
import io.canopy.controlplane.retention.RetentionEnforcer;
import io.canopy.controlplane.tenant.TenantAccess;

/** Dedicated datasources with their thaws and deletions, and retention of every datasource. */
final class DatasourceWiring {
  private DatasourceWiring() {}

  /** Wires the datasource feature; answers its service, for the features that read datasources. */
  static DatasourceService wire(Wiring w, DatasourceDao datasources, TenantAccess access) {
    ThawService thaws = new ThawService(datasources, w.dao(ThawDao.class), w.druid(), w.clock());
    // A thaw's load rule is gone at most 15 s after its expiry.
    w.every("thaw-expiry", 15, thaws::expireDue);
    w.every(
        "datasource-deletion",
        w.config().getJobs().datasourceDeletionEverySeconds,
        new DatasourceDeletions(datasources, w.druid(), w.topics())::advanceAll);
    w.every(
        "retention",
        w.config().getJobs().retentionEverySeconds,
        new RetentionEnforcer(
                datasources, w.druid().tasks(), w.config().getDruid().eventsDatasource, w.clock())
            ::enforce);
    DatasourceService service =
        new DatasourceService(
            datasources, w.druid(), w.supervisors(), w.topics(), w.config().getDruid());
    w.register(new DatasourcesResource(service, thaws, access));
    return service;
  }
}
