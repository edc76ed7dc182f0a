package io.canopy.controlplane.auth;

import io.dropwizard.lifecycle.Managed;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL's {@code canopy_access} channel, which the triggers of migration V010
 * notify after every committed write to keys, tenants and datasources, and drops the {@link
 * KeyCache} on each notice. On its own connection, so no pooled connection is held. When the
 * connection fails the cache is switched off (every request reads the database) until listening
 * resumes; it is retried every few seconds.
 */
public final class AccessChangeListener implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(AccessChangeListener.class);
  static final String CHANNEL = "canopy_access";
  private static final int WAIT_MILLIS = 2_000;
  private static final Duration RETRY = Duration.ofSeconds(3);

  /** Opens a new, unpooled connection to the control plane's database. */
  @FunctionalInterface
  public interface Connector {
    Connection open() throws SQLException;
  }

  private final Connector connector;
  private final KeyCache cache;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private Thread thread;

  public AccessChangeListener(Connector connector, KeyCache cache) {
    this.connector = connector;
    this.cache = cache;
  }

  @Override
  public void start() {
    thread = new Thread(this::run, "access-change-listener");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() throws InterruptedException {
    stopped.countDown();
    if (thread != null) {
      thread.join(2L * WAIT_MILLIS);
    }
  }

  private void run() {
    boolean warned = false;
    while (stopped.getCount() > 0) {
      try (Connection c = connector.open()) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        cache.listening(true);
        if (warned) {
          LOG.info("listening for access changes again; API keys are cached");
        }
        warned = false;
        listen(c);
      } catch (SQLException | RuntimeException e) {
        if (!warned && stopped.getCount() > 0) {
          LOG.warn(
              "not listening for access changes, API keys are read on every request: {}",
              e.getMessage());
          warned = true;
        }
      } finally {
        cache.listening(false);
      }
      await(RETRY);
    }
  }

  /**
   * Drops the cache on every notice. A query between waits finds a dead connection, and the wait
   * bounds how long {@link #stop} takes.
   */
  private void listen(Connection c) throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class);
    while (stopped.getCount() > 0) {
      PGNotification[] notices = pg.getNotifications(WAIT_MILLIS);
      if (notices != null && notices.length > 0) {
        cache.invalidateAll();
      } else {
        try (Statement s = c.createStatement()) {
          s.execute("SELECT 1");
        }
      }
    }
  }

  private void await(Duration pause) {
    try {
      stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped.countDown();
    }
  }
}
