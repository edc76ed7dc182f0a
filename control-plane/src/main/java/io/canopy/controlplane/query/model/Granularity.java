package io.canopy.controlplane.query.model;

import com.fasterxml.jackson.annotation.JsonValue;
import io.canopy.controlplane.common.InvalidInputException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The width of a time bucket. {@code all}: one bucket for the whole range; {@code auto}: the finest
 * that gives at most {@value #AUTO_BUCKETS} buckets for the range.
 */
public enum Granularity {
  MINUTE("PT1M", Duration.ofMinutes(1)),
  FIVE_MINUTE("PT5M", Duration.ofMinutes(5)),
  FIFTEEN_MINUTE("PT15M", Duration.ofMinutes(15)),
  HOUR("PT1H", Duration.ofHours(1)),
  DAY("P1D", Duration.ofDays(1)),
  WEEK("P1W", Duration.ofDays(7)),
  MONTH("P1M", Duration.ofDays(31)),
  ALL(null, null),
  AUTO(null, null);

  /** {@code auto}'s most buckets. */
  public static final int AUTO_BUCKETS = 500;

  /** The most buckets any query may ask for. */
  public static final int MAX_BUCKETS = 10_000;

  private final String period;
  private final Duration width;

  Granularity(String period, Duration width) {
    this.period = period;
    this.width = width;
  }

  /** Druid's ISO period for TIME_FLOOR; null for {@code all} and {@code auto}. */
  public String period() {
    return period;
  }

  /** A bucket's width (a month counts 31 days); null for {@code all} and {@code auto}. */
  public Duration width() {
    return width;
  }

  /** A fixed granularity for a range: {@code auto} resolved, the bucket count checked. */
  public Granularity forRange(Duration range) {
    if (this == ALL) {
      return ALL;
    }
    if (this == AUTO) {
      return Arrays.stream(values())
          .filter(g -> g.width != null && buckets(range, g.width) <= AUTO_BUCKETS)
          .findFirst()
          .orElse(MONTH);
    }
    long buckets = buckets(range, width);
    if (buckets > MAX_BUCKETS) {
      throw new InvalidInputException(
          "granularity",
          "gives " + buckets + " buckets for this range; at most " + MAX_BUCKETS + " are allowed");
    }
    return this;
  }

  private static long buckets(Duration range, Duration width) {
    return (range.toMillis() + width.toMillis() - 1) / width.toMillis();
  }

  /**
   * The start of the bucket holding {@code t}, as Druid's {@code TIME_FLOOR} with this period and
   * zone has it; {@code all} and {@code auto} floor to the hour (the segments' granularity).
   */
  public Instant floor(Instant t, ZoneId zone) {
    ZonedDateTime z = t.atZone(zone);
    ZonedDateTime start =
        switch (this) {
          case MINUTE -> z.truncatedTo(ChronoUnit.MINUTES);
          case FIVE_MINUTE, FIFTEEN_MINUTE -> {
            int step = (int) width.toMinutes();
            ZonedDateTime hour = z.truncatedTo(ChronoUnit.HOURS);
            yield hour.plusMinutes((z.getMinute() / step) * (long) step);
          }
          case DAY -> z.truncatedTo(ChronoUnit.DAYS);
          case WEEK ->
              z.truncatedTo(ChronoUnit.DAYS)
                  .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          case MONTH -> z.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
          default -> z.truncatedTo(ChronoUnit.HOURS);
        };
    return start.toInstant();
  }

  /** The start of the bucket after the one holding {@code t}. */
  public Instant next(Instant t, ZoneId zone) {
    ZonedDateTime start = floor(t, zone).atZone(zone);
    ZonedDateTime next =
        switch (this) {
          case MINUTE, FIVE_MINUTE, FIFTEEN_MINUTE -> start.plus(width);
          case DAY -> start.plusDays(1);
          case WEEK -> start.plusWeeks(1);
          case MONTH -> start.plusMonths(1);
          default -> start.plusHours(1);
        };
    return next.toInstant();
  }

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The granularity called {@code value}, any case; a 400 naming the field if none is. */
  public static Granularity of(String value) {
    if (value == null) {
      return null;
    }
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          "granularity",
          "must be one of "
              + Arrays.stream(values()).map(Granularity::json).collect(Collectors.joining(", "))
              + ", not "
              + value);
    }
  }
}
