package io.canopy.stack.it.differential;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question's time range: relative ({@code last 7d}, {@code today}, …, resolved as
 * docs/query-api.md says) or absolute, from offsets to an anchor: the run's start minute ({@code
 * t0}), the moment asked ({@code ask}), the handoff line when asked ({@code line}), or a fixed
 * instant. Absolute ranges are made concrete when asked ({@link #json}). Immutable.
 */
record RangeSpec(String relative, Anchor anchor, Instant fixed, Duration from, Duration to) {
  enum Anchor {
    T0,
    ASK,
    LINE,
    FIXED
  }

  /** The instants a question is made concrete with. */
  record Context(Instant t0, Instant ask, Instant line) {}

  /** A resolved range: start inclusive, end exclusive. */
  record Interval(Instant start, Instant end) {
    Duration length() {
      return Duration.between(start, end);
    }
  }

  private static final Pattern LAST = Pattern.compile("last (\\d+)([mhdw])");

  static RangeSpec relative(String expression) {
    return new RangeSpec(expression, null, null, null, null);
  }

  static RangeSpec around(Anchor anchor, Duration from, Duration to) {
    return new RangeSpec(null, anchor, null, from, to);
  }

  static RangeSpec fixed(Instant start, Instant end) {
    return new RangeSpec(null, Anchor.FIXED, start, Duration.ZERO, Duration.between(start, end));
  }

  /** The range as the model's JSON, with its time zone. */
  ObjectNode json(Context c, String zone) {
    ObjectNode range = JsonNodeFactory.instance.objectNode();
    if (relative != null) {
      range.put("relative", relative);
    } else {
      Interval i = absolute(c);
      range.put("start", i.start().toString()).put("end", i.end().toString());
    }
    if (zone != null) {
      range.put("timeZone", zone);
    }
    return range;
  }

  /** An absolute range made concrete. */
  Interval absolute(Context c) {
    Instant base =
        switch (anchor) {
          case T0 -> c.t0();
          case ASK -> c.ask().truncatedTo(ChronoUnit.MINUTES);
          case LINE -> c.line();
          case FIXED -> fixed;
        };
    return new Interval(base.plus(from), base.plus(to));
  }

  /**
   * The ranges an answer asked at {@code asked} may state: the expression resolved at any moment
   * from {@code earliest} (two TTLs before, for an answer of a moment ago) to {@code answered}.
   */
  Set<Interval> resolutions(Instant earliest, Instant answered, ZoneId zone) {
    Set<Interval> out = new LinkedHashSet<>();
    for (Instant t = earliest;
        t.isBefore(answered);
        t = t.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60)) {
      out.add(resolve(relative, t, zone));
    }
    out.add(resolve(relative, answered, zone));
    return out;
  }

  /** A relative expression resolved at {@code now}. */
  static Interval resolve(String expression, Instant now, ZoneId zone) {
    Instant nextMinute = now.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60);
    ZonedDateTime today = now.atZone(zone).truncatedTo(ChronoUnit.DAYS);
    ZonedDateTime week = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    ZonedDateTime month = today.withDayOfMonth(1);
    Matcher last = LAST.matcher(expression);
    if (last.matches()) {
      long n = Long.parseLong(last.group(1));
      Duration length =
          switch (last.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
          };
      return new Interval(nextMinute.minus(length), nextMinute);
    }
    return switch (expression) {
      case "today" -> new Interval(today.toInstant(), nextMinute);
      case "yesterday" -> new Interval(today.minusDays(1).toInstant(), today.toInstant());
      case "this week" -> new Interval(week.toInstant(), nextMinute);
      case "last week" -> new Interval(week.minusWeeks(1).toInstant(), week.toInstant());
      case "this month" -> new Interval(month.toInstant(), nextMinute);
      case "last month" -> new Interval(month.minusMonths(1).toInstant(), month.toInstant());
      default -> throw new IllegalArgumentException("no relative range " + expression);
    };
  }
}
