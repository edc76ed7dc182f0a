package io.canopy.stack.it.differential;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * One event as the test sends it: its time, dimension values as sent (absent = null), the user
 * (pseudonymized by Druid, counted by the CPC sketch), and the two numbers. Immutable.
 */
record Event(
    Instant time,
    Map<Dimension, String> dimensions,
    String userId,
    Long durationMs,
    Double revenue) {
  private static final ObjectMapper JSON = new ObjectMapper();

  Event {
    dimensions = Map.copyOf(dimensions);
  }

  /** The minute Druid rolls it into (UTC; the datasource's query granularity). */
  Instant minute() {
    return time.truncatedTo(ChronoUnit.MINUTES);
  }

  /** The event type ({@code event} field). */
  String type() {
    return dimensions.get(Dimension.EVENT);
  }

  /** The dimension's value as stored in Druid (null when absent or masked to null). */
  String stored(Dimension d) {
    return d.stored(dimensions.get(d));
  }

  /** The event as the ingest API takes it; null fields left out. */
  String json() {
    ObjectNode e = JSON.createObjectNode();
    e.put("timestamp", time.toString());
    for (Map.Entry<Dimension, String> d : dimensions.entrySet()) {
      e.put(d.getKey().column(), d.getValue());
    }
    if (userId != null) {
      e.put("user_id", userId);
    }
    if (durationMs != null) {
      e.put("duration_ms", durationMs);
    }
    if (revenue != null) {
      e.put("revenue", revenue);
    }
    return e.toString();
  }
}
