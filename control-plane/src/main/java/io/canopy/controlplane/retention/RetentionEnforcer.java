package io.canopy.controlplane.retention;

import io.canopy.controlplane.datasource.Datasource;
import io.canopy.controlplane.datasource.LiveDatasources;
import io.canopy.controlplane.druid.DruidTasks;
import io.canopy.specs.EventsSpecs;
import io.canopy.specs.RetentionPreset;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces each datasource's deep-storage retention: segments wholly older than the preset's {@link
 * RetentionPreset#deepStorage()} (counted from the start of today, UTC) are killed, which deletes
 * them from deep storage. The preset's {@code dropForever} rule has usually marked them unused
 * already; marking them here too keeps the promise under hand-edited rules. Covers the pooled
 * {@code events} datasource (preset {@code standard}) and every live dedicated datasource.
 * Idempotent: a kill that failed is submitted again on a later run, because its segments are still
 * there unused.
 */
public final class RetentionEnforcer {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionEnforcer.class);
  private static final String BEGINNING = "1000-01-01T00:00:00Z";

  private final LiveDatasources datasources;
  private final DruidTasks tasks;
  private final String eventsDatasource;
  private final Clock clock;

  /** The last kill per datasource, so a kill still running is not submitted twice. */
  private final Map<String, String> lastKill = new ConcurrentHashMap<>();

  public RetentionEnforcer(
      LiveDatasources datasources, DruidTasks tasks, String eventsDatasource, Clock clock) {
    this.datasources = datasources;
    this.tasks = tasks;
    this.eventsDatasource = eventsDatasource;
    this.clock = clock;
  }

  /** One pass over every datasource. */
  public void enforce() {
    enforce(eventsDatasource, EventsSpecs.POOLED_PRESET);
    for (Datasource row : datasources.listAllLive()) {
      RetentionPreset.byId(row.preset()).ifPresent(preset -> enforce(row.druidName(), preset));
    }
  }

  private void enforce(String datasource, RetentionPreset preset) {
    String expired = BEGINNING + "/" + preset.cutoff(clock.instant());
    String previous = lastKill.get(datasource);
    if (previous != null && tasks.status(previous).running()) {
      return;
    }
    int marked = tasks.markUnused(datasource, expired);
    if (marked > 0 || tasks.hasUnused(datasource, expired)) {
      String kill = tasks.kill(datasource, expired);
      lastKill.put(datasource, kill);
      LOG.info(
          "Retention of {} ({}): {} segments expired, kill task {} deletes everything in {}",
          datasource,
          preset.id(),
          marked,
          kill,
          expired);
    }
  }
}
