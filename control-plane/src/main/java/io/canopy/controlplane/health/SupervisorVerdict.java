package io.canopy.controlplane.health;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether a supervisor ingests as it should, decided from one {@link SupervisorReading} and since
 * when it has been behind. A pure function: the caller keeps {@link #behindSince()} between looks.
 *
 * <p>The rule (docs/operations.md, "Health"):
 *
 * <ul>
 *   <li><b>Suspended</b> is unhealthy at once: nothing is ingested, posted events wait in Kafka.
 *       The one exception is a dedicated datasource its tenant suspended through the API, on
 *       purpose.
 *   <li><b>Druid's own verdict</b>: a supervisor Druid calls unhealthy (tasks failing, the stream
 *       unreachable) is unhealthy.
 *   <li><b>Behind</b>: more than {@link #MAX_LAG} messages unread, or no task reading, for {@link
 *       #GRACE} in a row is unhealthy. A lag in messages alone is no verdict: a forced handoff
 *       leaves a partition without a reader for ~30 s, and Druid refreshes the lag only every 30 s,
 *       so a healthy stack at 5,000 events/s once read 24,587 just after a handoff and 2 a minute
 *       later. Two minutes outlast that. 1,000 messages is above what a healthy stack showed even
 *       at its top sustained rate (474 at 10,000 events/s), and small enough that a stalled task
 *       shows within minutes at the demo's few events a second; lag never reads 0 with Kafka
 *       transactions (a commit marker per partition), so 0 cannot be the bar.
 * </ul>
 *
 * @param behindSince since when it has been behind; null when it is not behind now
 */
public record SupervisorVerdict(
    String id, boolean healthy, String description, Instant behindSince) {
  public static final long MAX_LAG = 1_000;
  public static final Duration GRACE = Duration.ofMinutes(2);

  /**
   * @param behindSince since when earlier looks found it behind; null if the last look did not
   */
  public static SupervisorVerdict judge(SupervisorReading r, Instant behindSince, Instant now) {
    if (r.suspended()) {
      return r.suspendedOnRequest()
          ? verdict(r, true, "SUSPENDED; suspended on request: its datasource is suspended")
          : verdict(
              r,
              false,
              "SUSPENDED; UNHEALTHY: nothing is ingested, posted events wait in Kafka until it is"
                  + " resumed");
    }
    String seen = r.state() + ", lag " + String.format("%,d", r.lag()) + " messages";
    if (!r.druidHealthy()) {
      return verdict(
          r, false, seen + "; UNHEALTHY: Druid reports it unhealthy (see the indexer's log)");
    }
    boolean behind = r.lag() > MAX_LAG || !r.reading();
    if (!behind) {
      return verdict(r, true, seen);
    }
    Instant since = behindSince == null ? now : behindSince;
    Duration behindFor = Duration.between(since, now);
    String what =
        r.reading()
            ? "more than " + String.format("%,d", MAX_LAG) + " messages behind"
            : "no task reading";
    if (behindFor.compareTo(GRACE) < 0) {
      return new SupervisorVerdict(
          r.id(),
          true,
          seen
              + "; "
              + what
              + " for "
              + behindFor.toSeconds()
              + " s (unhealthy after "
              + GRACE.toMinutes()
              + " min)",
          since);
    }
    return new SupervisorVerdict(
        r.id(),
        false,
        seen + "; UNHEALTHY: " + what + " for " + behindFor.toMinutes() + " min",
        since);
  }

  private static SupervisorVerdict verdict(SupervisorReading r, boolean healthy, String text) {
    return new SupervisorVerdict(r.id(), healthy, text, null);
  }
}
