package io.canopy.controlplane.health;

import java.time.Duration;
import java.time.Instant;

/**
 * Where one datasource's data stands between Druid's indexer and its historicals.
 *
 * @param streaming a supervisor that is not suspended still feeds it
 * @param publishedSegments segments published to deep storage and the metadata store
 * @param realtimeSegments segments only a streaming task holds (not yet handed off)
 * @param lastHandoff when the newest streaming task that published and handed off its segments
 *     ended; null when none did in the window read
 * @param lastFailure when the newest failed streaming task ended; null when none failed
 * @param failedLastHour streaming tasks that failed in the last hour
 */
public record HandoffStatus(
    String datasource,
    boolean streaming,
    long publishedSegments,
    long realtimeSegments,
    Instant lastHandoff,
    Instant lastFailure,
    int failedLastHour) {

  /**
   * Handoffs are failing: something still streams into the datasource, a streaming task failed in
   * the last hour, and none handed off since.
   */
  public boolean failing() {
    return streaming
        && failedLastHour > 0
        && (lastHandoff == null || lastHandoff.isBefore(lastFailure));
  }

  /** One line for health details and {@code bin/canopy status}. */
  public String describe(Instant now) {
    return publishedSegments
        + " published and "
        + realtimeSegments
        + " real-time segments; last handoff "
        + (lastHandoff == null
            ? "none in 7 days"
            : Duration.between(lastHandoff, now).toMinutes() + " min ago (" + lastHandoff + ")")
        + "; "
        + failedLastHour
        + " failed streaming tasks in the last hour"
        + (failing() ? " — HANDOFFS ARE FAILING, see the indexer's log" : "");
  }
}
