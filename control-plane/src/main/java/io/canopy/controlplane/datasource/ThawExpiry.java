package io.canopy.controlplane.datasource;

import io.dropwizard.lifecycle.Managed;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expires thaws every 15 seconds: a thaw's load rule is gone at most that long after its expiry.
 * Every instance runs it; expiring is idempotent, so several instances do no harm.
 */
public final class ThawExpiry implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(ThawExpiry.class);

  private final ThawService thaws;
  private ScheduledExecutorService timer;

  public ThawExpiry(ThawService thaws) {
    this.thaws = thaws;
  }

  @Override
  public void start() {
    timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "thaw-expiry"));
    timer.scheduleWithFixedDelay(this::run, 15, 15, TimeUnit.SECONDS);
  }

  private void run() {
    try {
      thaws.expireDue();
    } catch (RuntimeException e) {
      // Druid or PostgreSQL away: the thaw stays due and is expired on a later run.
      LOG.warn("Expiring thaws failed; retrying in 15 s: {}", e.getMessage());
    }
  }

  @Override
  public void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
