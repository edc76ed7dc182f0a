package io.canopy.controlplane.query.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.canopy.controlplane.common.InvalidInputException;
import java.time.Duration;
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

  @JsonValue
  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
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
