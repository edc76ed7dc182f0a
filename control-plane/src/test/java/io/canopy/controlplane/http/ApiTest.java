package io.canopy.controlplane.http;

import io.canopy.controlplane.PostgresExtension;
import io.canopy.controlplane.config.CanopyConfiguration;
import io.canopy.controlplane.datasource.db.DatasourceDao;
import io.canopy.controlplane.tenant.db.TenantDao;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Base of the admin API tests: each test class gets its own real PostgreSQL and its own running
 * control plane (operator token set, Kafka and Druid unreachable), and an {@link ApiClient}.
 */
abstract class ApiTest {
  @RegisterExtension
  @Order(1)
  static final PostgresExtension POSTGRES = new PostgresExtension();

  @RegisterExtension
  @Order(2)
  static final DropwizardAppExtension<CanopyConfiguration> APP = ApiClient.app(POSTGRES);

  static ApiClient api() {
    return new ApiClient(APP);
  }

  /** The service's database, for what the API cannot set up here (Druid and Kafka are away). */
  static Jdbi jdbi() {
    return Jdbi.create(POSTGRES.dataSource()).installPlugin(new SqlObjectPlugin());
  }

  /** Makes a live dedicated datasource row for the tenant, as a successful create would. */
  static UUID insertDatasource(String slug, String name) {
    Jdbi jdbi = jdbi();
    UUID tenantId = jdbi.onDemand(TenantDao.class).findBySlug(slug).orElseThrow().id();
    UUID id = UUID.randomUUID();
    jdbi.onDemand(DatasourceDao.class)
        .insert(
            id,
            tenantId,
            name,
            slug + "_" + name,
            "canopy-" + slug + "-" + name,
            "standard",
            new String[0]);
    return id;
  }
}
