package io.canopy.controlplane.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.controlplane.druid.DruidClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@link HandoffStatus} for every datasource from Druid's {@code sys.segments}, {@code
 * sys.tasks} (streaming tasks of the last 7 days; a task stopped on purpose is no failure) and
 * {@code sys.supervisors}. Three SQL queries per call. Thread-safe.
 */
public final class HandoffReader {
  /** How sys tables write times; they are strings there, so parameters must match to compare. */
  private static final DateTimeFormatter DRUID_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final String SEGMENTS =
      """
      SELECT datasource,
             SUM(CASE WHEN is_published = 1 AND is_overshadowed = 0 THEN 1 ELSE 0 END) AS published,
             SUM(CASE WHEN is_realtime = 1 THEN 1 ELSE 0 END) AS realtime
      FROM sys.segments GROUP BY datasource
      """;

  private static final String TASKS =
      """
      SELECT datasource, status, created_time, duration, error_msg FROM sys.tasks
      WHERE type = 'index_kafka' AND status IN ('SUCCESS', 'FAILED') AND created_time >= ?
      """;

  /** Datasources something still streams into: a supervisor that is not suspended. */
  private static final String STREAMING =
      "SELECT supervisor_id FROM sys.supervisors WHERE suspended = 0";

  /** What Druid writes on a task stopped on purpose (supervisor suspended, reset or deleted). */
  private static final String STOPPED_ON_PURPOSE = "Shutdown request";

  private final DruidClient druid;
  private final Clock clock;

  public HandoffReader(DruidClient druid, Clock clock) {
    this.druid = druid;
    this.clock = clock;
  }

  /**
   * @throws io.canopy.controlplane.druid.DruidException when the broker does not answer
   */
  public List<HandoffStatus> read() {
    Instant now = clock.instant();
    Map<String, Builder> byDatasource = new TreeMap<>();
    for (JsonNode row : druid.sql(SEGMENTS)) {
      Builder b = byDatasource.computeIfAbsent(row.path("datasource").asText(), Builder::new);
      b.published = row.path("published").asLong();
      b.realtime = row.path("realtime").asLong();
    }
    String since = DRUID_TIME.format(now.minus(Duration.ofDays(7)));
    for (JsonNode row : druid.sql(TASKS, since)) {
      Builder b = byDatasource.computeIfAbsent(row.path("datasource").asText(), Builder::new);
      Instant ended =
          Instant.parse(row.path("created_time").asText())
              .plusMillis(Math.max(0, row.path("duration").asLong()));
      if (row.path("status").asText().equals("SUCCESS")) {
        b.lastHandoff = latest(b.lastHandoff, ended);
      } else if (!row.path("error_msg").asText("").startsWith(STOPPED_ON_PURPOSE)) {
        b.lastFailure = latest(b.lastFailure, ended);
        if (ended.isAfter(now.minus(Duration.ofHours(1)))) {
          b.failedLastHour++;
        }
      }
    }
    for (JsonNode row : druid.sql(STREAMING)) {
      byDatasource.computeIfAbsent(row.path("supervisor_id").asText(), Builder::new).streaming =
          true;
    }
    List<HandoffStatus> statuses = new ArrayList<>();
    byDatasource.values().forEach(b -> statuses.add(b.build()));
    return statuses;
  }

  private static Instant latest(Instant a, Instant b) {
    return a == null || b.isAfter(a) ? b : a;
  }

  private static final class Builder {
    private final String datasource;
    private long published;
    private long realtime;
    private Instant lastHandoff;
    private Instant lastFailure;
    private int failedLastHour;
    private boolean streaming;

    Builder(String datasource) {
      this.datasource = datasource;
    }

    HandoffStatus build() {
      return new HandoffStatus(
          datasource, streaming, published, realtime, lastHandoff, lastFailure, failedLastHour);
    }
  }
}
