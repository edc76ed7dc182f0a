package io.canopy.controlplane.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.controlplane.Eventually;
import io.canopy.controlplane.PostgresExtension;
import io.canopy.controlplane.TestTenants;
import io.canopy.controlplane.auth.db.ApiKeyDao;
import io.canopy.controlplane.auth.db.ApiKeyRow;
import io.canopy.controlplane.tenant.db.TenantDao;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The key cache on a real PostgreSQL with the real triggers: a change written by anyone (here,
 * plain SQL, as another instance would) reaches the listener and drops the cache, a key's use does
 * not, and a lost connection switches the cache off until it is back.
 */
class AccessChangeListenerTest {
  @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();
  private static final Duration PATIENCE = Duration.ofSeconds(15);

  private static Jdbi jdbi;
  private static final KeyCache CACHE = new KeyCache();
  private static AccessChangeListener listener;

  @BeforeAll
  static void start() {
    jdbi = POSTGRES.migratedJdbi();
    PGSimpleDataSource own = (PGSimpleDataSource) POSTGRES.dataSource();
    own.setApplicationName("listener-under-test");
    listener = new AccessChangeListener(own::getConnection, CACHE);
    listener.start();
    Eventually.until("the listener listens", PATIENCE, CACHE::isListening);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    listener.stop();
  }

  private static String prefixOf(String key) {
    return key.substring(4, 16);
  }

  /** Reads through the cache, counting the database reads. */
  private static Optional<ApiKeyRow> find(String prefix, AtomicInteger reads) {
    Function<String, Optional<ApiKeyRow>> db =
        p -> {
          reads.incrementAndGet();
          return jdbi.onDemand(ApiKeyDao.class).findActiveByPrefix(p);
        };
    return CACHE.find(prefix, db);
  }

  private static void sql(String statement) {
    jdbi.useHandle(h -> h.execute(statement));
  }

  @Test
  void aRevocationWrittenElsewhereDropsTheCachedKey() {
    String prefix =
        prefixOf(TestTenants.createWithKey(jdbi.onDemand(TenantDao.class), "elsewhere", "query"));
    AtomicInteger reads = new AtomicInteger();
    Eventually.until(
        "the key is served from memory",
        PATIENCE,
        () -> {
          find(prefix, reads);
          int before = reads.get();
          return find(prefix, reads).isPresent() && reads.get() == before;
        });

    sql("UPDATE api_keys SET revoked_at = now() WHERE prefix = '" + prefix + "'");

    Eventually.until(
        "the revoked key is no longer found", PATIENCE, () -> find(prefix, reads).isEmpty());
  }

  @Test
  void everyChangeOfKeysTenantsAndDatasourcesIsAnnouncedButAKeysUseIsNot() throws Exception {
    TestTenants.createWithKey(jdbi.onDemand(TenantDao.class), "announced", "query");
    try (Connection c = POSTGRES.dataSource().getConnection()) {
      listen(c);
      sql(
          "UPDATE api_keys SET last_used_at = now() WHERE tenant_id IN"
              + " (SELECT id FROM tenants WHERE slug = 'announced')");
      sql("UPDATE tenants SET status = 'suspended' WHERE slug = 'announced'");
      sql(
          "UPDATE api_keys SET scopes = '{ingest}' WHERE tenant_id IN"
              + " (SELECT id FROM tenants WHERE slug = 'announced')");
      sql(
          "INSERT INTO datasources (id, tenant_id, name, druid_name, topic, preset, dimensions)"
              + " SELECT gen_random_uuid(), id, 'web', 'announced_web', 'canopy-announced-web',"
              + " 'standard', '{}' FROM tenants WHERE slug = 'announced'");

      assertThat(notices(c, 3))
          .as("in commit order; the last_used_at update announced nothing")
          .containsExactly("tenants", "api_keys", "datasources");
    }
  }

  @Test
  void aLostConnectionSwitchesTheCacheOffUntilItIsBack() {
    sql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            + " WHERE application_name = 'listener-under-test'");
    Eventually.until("the cache is off", PATIENCE, () -> !CACHE.isListening());
    Eventually.until("the listener is back", PATIENCE, CACHE::isListening);
  }

  private static void listen(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("LISTEN " + AccessChangeListener.CHANNEL);
    }
  }

  private static List<String> notices(Connection c, int count) throws SQLException {
    List<String> payloads = new ArrayList<>();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    PGConnection pg = c.unwrap(PGConnection.class);
    while (payloads.size() < count && System.nanoTime() < deadline) {
      PGNotification[] got = pg.getNotifications(500);
      if (got != null) {
        for (PGNotification n : got) {
          payloads.add(n.getParameter());
        }
      }
    }
    // Anything more that is already on its way would show up here.
    PGNotification[] extra = pg.getNotifications(200);
    if (extra != null) {
      for (PGNotification n : extra) {
        payloads.add(n.getParameter());
      }
    }
    return payloads;
  }
}
