package io.canopy.controlplane.job;

import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one piece of background work on its own thread, {@code every} so long after the previous run
 * ended, while the service runs. A run that throws (Druid or PostgreSQL away) is logged and simply
 * tried again next time, so the work must be idempotent: every control-plane instance runs it. An
 * {@code Error} is logged too and keeps the schedule: a scheduled task that throws is never run
 * again, so letting one escape would end the job silently.
 */
public final class PeriodicJob implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicJob.class);

  private final String name;
  private final Duration every;
  private final Runnable work;
  private ScheduledExecutorService timer;

  public PeriodicJob(String name, Duration every, Runnable work) {
    this.name = name;
    this.every = every;
    this.work = work;
  }

  @Override
  public void start() {
    timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, name));
    timer.scheduleWithFixedDelay(
        this::run, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.warn("{} failed; trying again in {} s: {}", name, every.toSeconds(), e.getMessage());
    } catch (Error e) {
      LOG.error("{} failed with {}; trying again in {} s", name, e, every.toSeconds());
    }
  }

  @Override
  public void stop() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
