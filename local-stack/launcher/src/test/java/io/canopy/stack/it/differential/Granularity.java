package io.canopy.stack.it.differential;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Time buckets as the contract has them (docs/query-api.md#the-answer): Druid's {@code TIME_FLOOR}
 * in the range's time zone (weeks from Monday, months from the 1st), written here on the test's
 * side from the zone's local time; {@code auto}: the finest with at most 500 buckets (a month
 * counts 31 days).
 */
enum Granularity {
  MINUTE(Duration.ofMinutes(1)),
  FIVE_MINUTE(Duration.ofMinutes(5)),
  FIFTEEN_MINUTE(Duration.ofMinutes(15)),
  HOUR(Duration.ofHours(1)),
  DAY(Duration.ofDays(1)),
  WEEK(Duration.ofDays(7)),
  MONTH(Duration.ofDays(31)),
  ALL(null),
  AUTO(null);

  private final Duration width;

  Granularity(Duration width) {
    this.width = width;
  }

  String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Druid's ISO period for TIME_FLOOR. */
  String period() {
    return switch (this) {
      case MINUTE -> "PT1M";
      case FIVE_MINUTE -> "PT5M";
      case FIFTEEN_MINUTE -> "PT15M";
      case HOUR -> "PT1H";
      case DAY -> "P1D";
      case WEEK -> "P1W";
      case MONTH -> "P1M";
      default -> throw new IllegalStateException(this + " has no period");
    };
  }

  /** How many buckets of this width a range of {@code length} spans at most. */
  long buckets(Duration length) {
    return (length.toMillis() + width.toMillis() - 1) / width.toMillis();
  }

  /** {@code auto} resolved for a range of {@code length}; others as they are. */
  Granularity resolve(Duration length) {
    if (this != AUTO) {
      return this;
    }
    for (Granularity g : values()) {
      if (g.width != null && g.buckets(length) <= 500) {
        return g;
      }
    }
    return MONTH;
  }

  /** The start of the bucket holding {@code t}, floored in the zone's local time. */
  Instant floor(Instant t, ZoneId zone) {
    ZonedDateTime z = t.atZone(zone);
    ZonedDateTime day = z.truncatedTo(ChronoUnit.DAYS);
    ZonedDateTime start =
        switch (this) {
          case MINUTE -> z.truncatedTo(ChronoUnit.MINUTES);
          case FIVE_MINUTE, FIFTEEN_MINUTE -> {
            long step = width.toMinutes();
            yield z.truncatedTo(ChronoUnit.HOURS).plusMinutes(z.getMinute() / step * step);
          }
          case HOUR -> z.truncatedTo(ChronoUnit.HOURS);
          case DAY -> day;
          case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          case MONTH -> day.withDayOfMonth(1);
          default -> throw new IllegalStateException(this + " has no buckets");
        };
    return start.toInstant();
  }

  /** The start of the bucket after the one holding {@code t}. */
  Instant next(Instant t, ZoneId zone) {
    ZonedDateTime start = floor(t, zone).atZone(zone);
    return switch (this) {
      case DAY -> start.plusDays(1).toInstant();
      case WEEK -> start.plusWeeks(1).toInstant();
      case MONTH -> start.plusMonths(1).toInstant();
      default -> start.toInstant().plus(width);
    };
  }

  /**
   * The buckets of {@code [start, end)}: each one's start and end, the first starting at {@code
   * start} when {@code start} lies inside it; for {@code all}, the whole range.
   */
  List<Instant[]> buckets(Instant start, Instant end, ZoneId zone) {
    List<Instant[]> out = new ArrayList<>();
    if (this == ALL) {
      out.add(new Instant[] {start, end});
      return out;
    }
    for (Instant b = start; b.isBefore(end); ) {
      Instant next = next(b, zone);
      out.add(new Instant[] {b, next.isAfter(end) ? end : next});
      b = next;
    }
    return out;
  }
}
