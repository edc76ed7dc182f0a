package io.canopy.controlplane;

import io.canopy.controlplane.db.Migrations;
import io.canopy.stack.postgres.EmbeddedPostgres;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real PostgreSQL for one test class. Register it before the application extension so that it
 * starts first and stops last.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {
  private EmbeddedPostgres pg;

  @Override
  public void beforeAll(ExtensionContext context) {
    pg = EmbeddedPostgres.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    pg.close();
  }

  public EmbeddedPostgres pg() {
    return pg;
  }

  /** A data source on this PostgreSQL, as the service's user. */
  public DataSource dataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(pg.jdbcUrl());
    dataSource.setUser(pg.user());
    dataSource.setPassword(pg.password());
    return dataSource;
  }

  /** JDBI with SqlObjects on this PostgreSQL, the service's migrations applied. */
  public Jdbi migratedJdbi() {
    DataSource dataSource = dataSource();
    Migrations.run(dataSource, true);
    return Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
  }
}
