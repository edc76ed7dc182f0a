package io.canopy.controlplane.datasource;

import io.canopy.controlplane.common.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The interval of a thaw: {@code start/end}, each a date ({@code 2026-10-01}, midnight UTC) or an
 * ISO instant; at most 31 days long and starting in the past. Stored and sent to Druid as two
 * instants.
 */
record ThawInterval(Instant start, Instant end) {
  private static final Duration LONGEST = Duration.ofDays(31);

  /**
   * @param now intervals must start before this
   * @throws InvalidInputException naming {@code interval}
   */
  static ThawInterval parse(String text, Instant now) {
    String[] parts = text == null ? new String[0] : text.split("/");
    if (parts.length != 2) {
      throw invalid(text, "must be start/end, e.g. 2026-10-01/2026-10-08");
    }
    Instant start = instant(parts[0], text);
    Instant end = instant(parts[1], text);
    if (!start.isBefore(end)) {
      throw invalid(text, "must start before it ends");
    }
    if (Duration.between(start, end).compareTo(LONGEST) > 0) {
      throw invalid(text, "must be at most 31 days long");
    }
    if (!start.isBefore(now)) {
      throw invalid(text, "must start in the past: only stored data can be thawed");
    }
    return new ThawInterval(start, end);
  }

  /** The form Druid's rules and the database hold. */
  String druid() {
    return start + "/" + end;
  }

  /** Whether a segment {@code [segmentStart, segmentEnd)} overlaps this interval. */
  boolean overlaps(String segmentStart, String segmentEnd) {
    return Instant.parse(segmentStart).isBefore(end) && Instant.parse(segmentEnd).isAfter(start);
  }

  private static Instant instant(String value, String text) {
    try {
      return value.length() == 10
          ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid(text, "has a start or end that is neither a date nor an ISO instant");
    }
  }

  private static InvalidInputException invalid(String text, String reason) {
    return new InvalidInputException("interval", reason + " ('" + text + "')");
  }
}
