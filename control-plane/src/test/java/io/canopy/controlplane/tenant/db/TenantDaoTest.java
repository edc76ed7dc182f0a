package io.canopy.controlplane.tenant.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.controlplane.PostgresExtension;
import io.canopy.controlplane.TestTenants;
import io.canopy.controlplane.audit.AuditEntry;
import io.canopy.controlplane.audit.db.AuditDao;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.common.TenantStatus;
import io.canopy.controlplane.db.UniqueViolation;
import io.canopy.controlplane.tenant.Tenant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tenant, key and audit DAOs on a real PostgreSQL with the real migrations. */
class TenantDaoTest {
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();

  private static TenantDao tenants;
  private static KeyDao keys;
  private static AuditDao audit;

  @BeforeAll
  static void migrate() {
    Jdbi jdbi = POSTGRES.migratedJdbi();
    tenants = jdbi.onDemand(TenantDao.class);
    keys = jdbi.onDemand(KeyDao.class);
    audit = jdbi.onDemand(AuditDao.class);
  }

  @Test
  void onlyTheQuotasThatWereSetAreStored() {
    Quotas some = Quotas.UNSET.with(new Quotas(7, null, null, null, null, null, null, 3));
    tenants.create("sparse", "Sparse", some);

    Tenant row = tenants.findBySlug("sparse").orElseThrow();

    assertThat(row.quotas()).isEqualTo(some);
    assertThat(row.status()).isEqualTo(TenantStatus.ACTIVE);
    assertThat(row.createdAt()).isNotNull();
  }

  @Test
  void aTakenSlugIsAUniqueViolationBySqlState() {
    tenants.create("twice", "Twice", Quotas.UNSET);

    assertThatThrownBy(() -> tenants.create("twice", "Again", Quotas.UNSET))
        .satisfies(e -> assertThat(UniqueViolation.is(e)).isTrue());
    assertThat(UniqueViolation.is(new IllegalStateException("twice"))).isFalse();
  }

  @Test
  void theDatabaseRefusesMalformedSlugsEvenPastTheApi() {
    assertThatThrownBy(() -> tenants.create("../bad slug", "x", Quotas.UNSET))
        .hasStackTraceContaining("tenants_slug_check");
    assertThat(tenants.findBySlug("../bad slug")).isEmpty();
  }

  @Test
  void pagesFollowSlugOrder() {
    for (String slug : List.of("pg-c", "pg-a", "pg-b")) {
      tenants.create(slug, slug, Quotas.UNSET);
    }

    assertThat(tenants.list("pg-", 2)).extracting(Tenant::slug).containsExactly("pg-a", "pg-b");
    assertThat(tenants.list("pg-b", 2)).extracting(Tenant::slug).startsWith("pg-c");
  }

  @Test
  void markingDeletedRevokesEveryKeyInOneTransaction() {
    TestTenants.createWithKey(tenants, "doomed", "ingest");
    UUID id = tenants.findBySlug("doomed").orElseThrow().id();

    tenants.markDeleted(id);

    assertThat(tenants.findBySlug("doomed").orElseThrow().status()).isEqualTo(TenantStatus.DELETED);
    assertThat(keys.listForTenant(id)).allSatisfy(k -> assertThat(k.revokedAt()).isNotNull());
  }

  @Test
  void aKeyCanOnlyBeRevokedThroughItsOwnTenant() {
    TestTenants.createWithKey(tenants, "owner", "ingest");
    TestTenants.createWithKey(tenants, "stranger", "ingest");
    UUID owner = tenants.findBySlug("owner").orElseThrow().id();
    UUID stranger = tenants.findBySlug("stranger").orElseThrow().id();
    UUID key = keys.listForTenant(owner).get(0).id();

    assertThat(keys.revoke(stranger, key)).isZero();
    assertThat(keys.listForTenant(owner).get(0).revokedAt()).isNull();
    assertThat(keys.revoke(owner, key)).isEqualTo(1);
    assertThat(keys.listForTenant(owner).get(0).revokedAt()).isNotNull();
  }

  @Test
  void auditReadsNewestFirstWithACursorAndPerTenant() {
    audit.insert("operator", "tenant.create", "au-1", "/v1/tenants", 201, "Created");
    audit.insert("operator", "tenant.suspend", "au-1", "/v1/tenants/au-1/suspend", 200, "OK");
    audit.insert("operator", "tenant.create", "au-2", "/v1/tenants", 201, "Created");

    List<AuditEntry> first = audit.listForTenant("au-1", Long.MAX_VALUE, 1);
    List<AuditEntry> second = audit.listForTenant("au-1", first.get(0).id(), 10);

    assertThat(first).extracting(AuditEntry::action).containsExactly("tenant.suspend");
    assertThat(second).extracting(AuditEntry::action).containsExactly("tenant.create");
    assertThat(audit.list(Long.MAX_VALUE, 1).get(0).tenant()).isEqualTo("au-2");
  }
}
