package io.canopy.controlplane.query.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** A resolved time range: {@code start} inclusive, {@code end} exclusive, in a time zone. */
public record Interval(Instant start, Instant end, ZoneId zone) {
  public Duration duration() {
    return Duration.between(start, end);
  }

  /** The same length of time, {@code by} earlier. */
  public Interval minus(Duration by) {
    return new Interval(start.minus(by), end.minus(by), zone);
  }

  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }
}
