package io.canopy.controlplane.datasource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.canopy.controlplane.druid.DruidClient;
import io.canopy.controlplane.druid.DruidException;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Asks Druid how a datasource is doing: supervisor, rows, freshness and bytes per tier. */
final class DatasourceLiveStatus {
  private static final String BYTES_PER_TIER =
      """
      SELECT servers.tier AS tier, SUM(segments.size) AS bytes
      FROM sys.segments AS segments
      INNER JOIN sys.server_segments AS server_segments
        ON segments.segment_id = server_segments.segment_id
      INNER JOIN sys.servers AS servers ON servers.server = server_segments.server
      WHERE segments.datasource = ? AND servers.server_type = 'historical'
      GROUP BY servers.tier
      """;

  /** How Druid SQL refuses a table it does not know: {@code Object 'x' not found}. */
  private static final Pattern UNKNOWN_TABLE = Pattern.compile("Object '[^']+' not found");

  private final DruidClient druid;

  DatasourceLiveStatus(DruidClient druid) {
    this.druid = druid;
  }

  DatasourceLive of(String druidName) {
    JsonNode supervisor = druid.supervisorStatus(druidName).orElse(null);
    String state = supervisor == null ? "NONE" : supervisor.path("state").asText(null);
    Long lag =
        supervisor == null || !supervisor.has("aggregateLag")
            ? null
            : supervisor.get("aggregateLag").asLong();
    JsonNode totals = totals(druidName);
    Map<String, Long> bytes = new TreeMap<>();
    druid
        .sql(BYTES_PER_TIER, druidName)
        .forEach(row -> bytes.put(row.path("tier").asText(), row.path("bytes").asLong()));
    return new DatasourceLive(
        state,
        lag,
        totals.path("rows").asLong(),
        totals.path("events").asLong(),
        totals.path("newest").isNull() ? null : totals.path("newest").asText(null),
        bytes);
  }

  /** Rows, events and newest event time; zeros before Druid knows the datasource. */
  private JsonNode totals(String druidName) {
    try {
      JsonNode rows =
          druid.sql(
              "SELECT COUNT(*) AS \"rows\", SUM(\"count\") AS events, MAX(__time) AS newest FROM \""
                  + druidName
                  + "\"");
      return rows.path(0);
    } catch (DruidException e) {
      // Druid SQL knows a datasource only once it has a segment (or a running task's rows); any
      // other failure is Druid's trouble, answered as such rather than as a datasource of no rows.
      if (UNKNOWN_TABLE.matcher(String.valueOf(e.getMessage())).find()) {
        return MissingNode.getInstance();
      }
      throw e;
    }
  }
}
