package io.canopy.controlplane.query.model;

import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.common.Text;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A query's time range as JSON: absolute ({@code start}, {@code end}, ISO-8601 date-times with a
 * zone offset such as {@code 2026-12-01T00:00:00Z}, end exclusive) or relative ({@code relative}:
 * {@code last 7d}, {@code last 24h}, {@code last 30m}, {@code last 2w}, {@code today}, {@code
 * yesterday}, {@code this week}, {@code last week}, {@code this month}, {@code last month}), in
 * {@code timeZone} (default UTC). A relative range ending now ends at the next whole minute, so the
 * same question asked within a minute is the same query.
 */
public record TimeRange(String start, String end, String relative, String timeZone) {
  /** The longest range a query may cover. */
  public static final Duration MAX = Duration.ofDays(800);

  private static final Pattern LAST = Pattern.compile("last (\\d{1,5})([mhdw])");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  public static TimeRange relative(String relative) {
    return new TimeRange(null, null, relative, null);
  }

  /** From {@code start} to {@code end} (exclusive), in UTC. */
  public static TimeRange absolute(Instant start, Instant end) {
    return new TimeRange(start.toString(), end.toString(), null, null);
  }

  /** The range as instants, relative to {@code now}. */
  public Interval resolve(Instant now) {
    ZoneId zone = zone();
    Interval interval;
    if (relative != null) {
      if (start != null || end != null) {
        throw new InvalidInputException("range", "takes relative or start and end, not both");
      }
      interval = relative(relative.trim(), now, zone);
    } else {
      if (start == null || end == null) {
        throw new InvalidInputException(
            "range", "needs relative (such as \"last 7d\") or both start and end");
      }
      interval = new Interval(instant(start, "range.start"), instant(end, "range.end"), zone);
    }
    if (!interval.end().isAfter(interval.start())) {
      throw new InvalidInputException("range.end", "must be after range.start");
    }
    if (interval.duration().compareTo(MAX) > 0) {
      throw new InvalidInputException("range", "covers more than " + MAX.toDays() + " days");
    }
    return interval;
  }

  /**
   * The range as asked, the same for every request of the same question whenever it is asked: the
   * relative expression and its time zone, or the absolute instants. Two questions share their
   * answers of a moment ago only if this is the same.
   */
  public String asked() {
    String in = " in " + zone().getId();
    return relative != null ? relative.trim() + in : start + "/" + end + in;
  }

  /** An ISO-8601 date-time with a zone offset; a 400 saying which form is wanted otherwise. */
  private static Instant instant(String text, String field) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      String example = "such as 2026-12-01T00:00:00Z or 2026-12-01T00:00:00+01:00";
      if (DATE.matcher(text).matches()) {
        throw new InvalidInputException(
            field, "must be a date-time with a zone offset, " + example + "; a date has no time");
      }
      if (parses(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME)) {
        throw new InvalidInputException(
            field, "has no zone offset: add Z for UTC or an offset, " + example);
      }
      throw new InvalidInputException(
          field,
          "must be an ISO-8601 date-time with a zone offset, "
              + example
              + ", not "
              + Text.abbreviate(text, 40));
    }
  }

  private static boolean parses(String text, DateTimeFormatter format) {
    try {
      format.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** Whether the range's start moves with time as its end does: {@code last <n>…}. */
  public boolean startMoves() {
    return relative != null && LAST.matcher(relative.trim()).matches();
  }

  private ZoneId zone() {
    if (timeZone == null) {
      return ZoneId.of("UTC");
    }
    try {
      return ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      throw new InvalidInputException(
          "range.timeZone", "must be a time zone such as Europe/Berlin, not " + timeZone);
    }
  }

  private static Interval relative(String relative, Instant now, ZoneId zone) {
    Instant nextMinute = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    ZonedDateTime today = now.atZone(zone).truncatedTo(ChronoUnit.DAYS);
    Matcher last = LAST.matcher(relative);
    if (last.matches()) {
      long n = Long.parseLong(last.group(1));
      if (n == 0) {
        throw new InvalidInputException("range.relative", "needs a length above 0");
      }
      Duration length =
          switch (last.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
          };
      return new Interval(nextMinute.minus(length), nextMinute, zone);
    }
    ZonedDateTime week = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    ZonedDateTime month = today.withDayOfMonth(1);
    return switch (relative) {
      case "today" -> new Interval(today.toInstant(), nextMinute, zone);
      case "yesterday" -> between(today.minusDays(1), today, zone);
      case "this week" -> new Interval(week.toInstant(), nextMinute, zone);
      case "last week" -> between(week.minusWeeks(1), week, zone);
      case "this month" -> new Interval(month.toInstant(), nextMinute, zone);
      case "last month" -> between(month.minusMonths(1), month, zone);
      default ->
          throw new InvalidInputException(
              "range.relative",
              "must be \"last <n>m|h|d|w\", today, yesterday, this week, last week, this month or"
                  + " last month, not \""
                  + relative
                  + "\"");
    };
  }

  private static Interval between(ZonedDateTime start, ZonedDateTime end, ZoneId zone) {
    return new Interval(start.toInstant(), end.toInstant(), zone);
  }
}
