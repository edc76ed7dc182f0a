package io.canopy.controlplane.datasource.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.controlplane.PostgresExtension;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.datasource.Datasource;
import io.canopy.controlplane.datasource.Thaw;
import io.canopy.controlplane.db.UniqueViolation;
import io.canopy.controlplane.tenant.db.TenantDao;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Dedicated datasources and thaws on a real PostgreSQL with the real migrations. */
class DatasourceDaoTest {
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

  private static TenantDao tenants;
  private static DatasourceDao datasources;
  private static ThawDao thaws;

  @BeforeAll
  static void migrate() {
    Jdbi jdbi = POSTGRES.migratedJdbi();
    tenants = jdbi.onDemand(TenantDao.class);
    datasources = jdbi.onDemand(DatasourceDao.class);
    thaws = jdbi.onDemand(ThawDao.class);
  }

  private static UUID insert(UUID tenant, String slug, String name) {
    UUID id = UUID.randomUUID();
    datasources.insert(
        id,
        tenant,
        name,
        slug + "_" + name,
        "canopy-" + slug + "-" + name,
        "standard",
        new String[] {"plan"});
    return id;
  }

  @Test
  void aTenantHasOneLiveDatasourceAndADeletedOneFreesItsName() {
    UUID tenant = tenants.create("one-ds", "One", Quotas.UNSET);
    UUID web = insert(tenant, "one-ds", "web");

    assertThatThrownBy(() -> insert(tenant, "one-ds", "app"))
        .satisfies(e -> assertThat(UniqueViolation.is(e)).isTrue());

    datasources.setStatus(web, "deleted");
    insert(tenant, "one-ds", "web");
    assertThat(datasources.listLive(tenant)).extracting(Datasource::name).containsExactly("web");
    assertThat(datasources.findLive(tenant, "web").orElseThrow().dimensions())
        .containsExactly("plan");
  }

  @Test
  void aThawIsActiveUntilItsExpiryAndDueAfterIt() {
    UUID tenant = tenants.create("thawing", "Thawing", Quotas.UNSET);
    UUID datasource = insert(tenant, "thawing", "web");
    UUID live = UUID.randomUUID();
    UUID past = UUID.randomUUID();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    thaws.insert(live, datasource, "2026-01-01T00:00:00Z/2026-01-02T00:00:00Z", now.plusHours(1));
    thaws.insert(
        past, datasource, "2026-02-01T00:00:00Z/2026-02-02T00:00:00Z", now.minusMinutes(1));

    assertThat(thaws.active(datasource)).extracting(Thaw::id).containsExactly(live);
    assertThat(thaws.due()).extracting(Thaw::id).contains(past).doesNotContain(live);

    thaws.markExpired(past);
    assertThat(thaws.due()).extracting(Thaw::id).doesNotContain(past);
    assertThat(thaws.recent(datasource)).hasSize(2);
  }
}
