package io.canopy.controlplane.query.model;

import io.canopy.controlplane.common.InvalidInputException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * Compare with an earlier range: {@code {"to": "previous_period"}} (the same length just before),
 * {@code {"to": "last_week"}} (7 days earlier) or {@code {"to": "offset", "offset": "P1D"}} (an
 * ISO-8601 duration earlier). Results carry the earlier value and the absolute and relative delta.
 */
public record Compare(String to, String offset) {
  /** The range to compare {@code current} with. */
  public Interval earlier(Interval current) {
    if (to == null) {
      throw new InvalidInputException("compare.to", "must be previous_period, last_week or offset");
    }
    return switch (to) {
      case "previous_period" -> current.minus(current.duration());
      case "last_week" -> current.minus(Duration.ofDays(7));
      case "offset" -> current.minus(offsetDuration());
      default ->
          throw new InvalidInputException(
              "compare.to", "must be previous_period, last_week or offset, not " + to);
    };
  }

  /** The comparison as asked: {@code previous_period}, {@code last_week}, {@code offset P1D}. */
  public String asked() {
    return "offset".equals(to) ? to + " " + offset : String.valueOf(to);
  }

  private Duration offsetDuration() {
    if (offset == null) {
      throw new InvalidInputException("compare.offset", "is needed with \"to\": \"offset\"");
    }
    try {
      Duration d = Duration.parse(offset);
      if (d.isNegative() || d.isZero()) {
        throw new InvalidInputException("compare.offset", "must be a positive duration");
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          "compare.offset", "must be an ISO-8601 duration such as P1D or PT6H, not " + offset);
    }
  }
}
