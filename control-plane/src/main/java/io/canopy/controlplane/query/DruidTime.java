package io.canopy.controlplane.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** Druid SQL's TIMESTAMP values as the control plane reads them. */
final class DruidTime {
  private DruidTime() {}

  /**
   * A TIMESTAMP as Druid writes it (ISO-8601 text), or null for none: SQL null, or what {@code
   * MIN}/{@code MAX} of {@code __time} give over no rows (a time at or before the epoch).
   */
  static Instant instant(JsonNode v) {
    if (v.isNull() || v.isMissingNode() || v.asText().isEmpty()) {
      return null;
    }
    Instant t = Instant.parse(v.asText());
    return t.getEpochSecond() <= 0 ? null : t;
  }
}
