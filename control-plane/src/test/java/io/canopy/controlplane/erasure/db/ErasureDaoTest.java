package io.canopy.controlplane.erasure.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.controlplane.PostgresExtension;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.erasure.ErasureState;
import io.canopy.controlplane.tenant.db.TenantDao;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pooled-tenant erasures on a real PostgreSQL with the real migrations. */
class ErasureDaoTest {
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();
  private static final OffsetDateTime START = OffsetDateTime.parse("2026-11-14T00:00:00Z");
  private static final OffsetDateTime END = OffsetDateTime.parse("2026-11-23T20:00:00Z");

  private static TenantDao tenants;
  private static ErasureDao erasures;

  @BeforeAll
  static void migrate() {
    tenants = POSTGRES.migratedJdbi().onDemand(TenantDao.class);
    erasures = POSTGRES.migratedJdbi().onDemand(ErasureDao.class);
  }

  private static UUID requested(String slug) {
    UUID tenant = tenants.create(slug, slug, Quotas.UNSET);
    erasures.request(tenant, slug, "events", START, END);
    return tenant;
  }

  @Test
  void requestingAgainKeepsTheFirstRequest() {
    UUID tenant = requested("erase-twice");
    erasures.request(tenant, "erase-twice", "events", START.minusDays(9), END.plusDays(9));

    ErasureRow row = erasures.find(tenant).orElseThrow();
    assertThat(row.rangeStart()).isEqualTo(START.toInstant());
    assertThat(row.state()).isEqualTo(ErasureState.PENDING);
    assertThat(erasures.pending()).extracting(ErasureRow::tenantId).contains(tenant);
  }

  @Test
  void onlyOneInstanceStartsAPassAndAFailedColdPassLeavesTheColdDaysToDo() {
    UUID tenant = requested("erase-race");

    assertThat(erasures.startPass(tenant, new String[] {"t-0-0"}, true)).isTrue();
    assertThat(erasures.startPass(tenant, new String[] {"t-0-0"}, true)).isFalse();
    erasures.endPass(tenant, "compaction failed");

    ErasureRow failed = erasures.find(tenant).orElseThrow();
    assertThat(failed.taskIds()).isEmpty();
    assertThat(failed.passes()).isEqualTo(1);
    assertThat(failed.coldDone()).isFalse();
    assertThat(failed.lastError()).isEqualTo("compaction failed");

    erasures.startPass(tenant, new String[] {"t-1-0", "t-1-1"}, true);
    assertThat(erasures.find(tenant).orElseThrow().taskIds()).containsExactly("t-1-0", "t-1-1");
    erasures.endPass(tenant, null);
    ErasureRow succeeded = erasures.find(tenant).orElseThrow();
    assertThat(succeeded.coldDone()).isTrue();
    assertThat(succeeded.lastError()).isNull();
    assertThat(succeeded.passes()).isEqualTo(2);
  }

  @Test
  void notDoneWhileAPassIsUnderWay() {
    UUID tenant = requested("erase-done");
    erasures.startPass(tenant, new String[] {"t-0-0"}, false);

    erasures.markDone(tenant);
    assertThat(erasures.find(tenant).orElseThrow().done()).isFalse();

    erasures.endPass(tenant, null);
    erasures.markDone(tenant);
    ErasureRow done = erasures.find(tenant).orElseThrow();
    assertThat(done.done()).isTrue();
    assertThat(done.completedAt()).isNotNull();
    assertThat(erasures.pending()).extracting(ErasureRow::tenantId).doesNotContain(tenant);
  }
}
