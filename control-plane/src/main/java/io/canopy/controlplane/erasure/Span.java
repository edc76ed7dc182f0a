package io.canopy.controlplane.erasure;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** A half-open time interval {@code [start, end)}. */
public record Span(Instant start, Instant end) {

  /** The UTC day holding the instant. */
  static Span dayOf(Instant at) {
    Instant start = at.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
    return new Span(start, start.plus(1, ChronoUnit.DAYS));
  }

  boolean overlaps(Span other) {
    return start.isBefore(other.end) && end.isAfter(other.start);
  }

  /** ISO-8601 {@code start/end}, as Druid takes intervals. */
  @Override
  public String toString() {
    return start + "/" + end;
  }
}
