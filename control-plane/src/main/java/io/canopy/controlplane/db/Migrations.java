package io.canopy.controlplane.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Versioned schema migrations ({@code src/main/resources/db/migration/V###__*.sql}). The service
 * applies pending ones at start, or, with {@code migrateOnStart: false}, refuses to start while any
 * is pending.
 */
public final class Migrations {
  private Migrations() {}

  /** Applies or checks migrations; returns how many were applied. */
  public static int run(DataSource dataSource, boolean migrate) {
    Flyway flyway =
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
    if (migrate) {
      return flyway.migrate().migrationsExecuted;
    }
    MigrationInfo[] pending = flyway.info().pending();
    if (pending.length > 0) {
      throw new IllegalStateException(
          pending.length
              + " schema migration(s) pending (first: "
              + pending[0].getScript()
              + "); start with migrateOnStart: true to apply them");
    }
    return 0;
  }
}
