package io.canopy.controlplane;

import io.canopy.stack.postgres.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

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
}
