package io.canopy.controlplane.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.query.model.Compare;
import io.canopy.controlplane.query.model.Granularity;
import io.canopy.controlplane.query.model.Interval;
import io.canopy.controlplane.query.model.TimeRange;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Relative ranges, time zones, granularity and comparisons, on a fixed clock. */
class TimeRangeTest {
  /** A Wednesday. */
  static final Instant NOW = Instant.parse("2026-12-02T10:15:30Z");

  @ParameterizedTest
  @CsvSource({
    "last 7d, UTC, 2026-11-25T10:16:00Z, 2026-12-02T10:16:00Z",
    "last 24h, UTC, 2026-12-01T10:16:00Z, 2026-12-02T10:16:00Z",
    "last 30m, UTC, 2026-12-02T09:46:00Z, 2026-12-02T10:16:00Z",
    "last 2w, UTC, 2026-11-18T10:16:00Z, 2026-12-02T10:16:00Z",
    "today, UTC, 2026-12-02T00:00:00Z, 2026-12-02T10:16:00Z",
    "today, Asia/Tokyo, 2026-12-01T15:00:00Z, 2026-12-02T10:16:00Z",
    "yesterday, Europe/Berlin, 2026-11-30T23:00:00Z, 2026-12-01T23:00:00Z",
    "this week, UTC, 2026-11-30T00:00:00Z, 2026-12-02T10:16:00Z",
    "last week, UTC, 2026-11-23T00:00:00Z, 2026-11-30T00:00:00Z",
    "this month, UTC, 2026-12-01T00:00:00Z, 2026-12-02T10:16:00Z",
    "last month, UTC, 2026-11-01T00:00:00Z, 2026-12-01T00:00:00Z"
  })
  void relativeRangesEndAtTheNextMinuteOrAtABoundary(
      String relative, String zone, String start, String end) {
    Interval i = new TimeRange(null, null, relative, zone).resolve(NOW);

    assertThat(i.start()).isEqualTo(Instant.parse(start));
    assertThat(i.end()).isEqualTo(Instant.parse(end));
  }

  @Test
  void badRangesAreRefusedNamingTheField() {
    assertRefused(new TimeRange(null, null, "last 7 days", null), "range.relative");
    assertRefused(new TimeRange(null, null, "last 0d", null), "range.relative");
    assertRefused(new TimeRange(null, null, "today", "Mars/Olympus"), "range.timeZone");
    String now = NOW.toString();
    assertRefused(new TimeRange(now, null, null, null), "range");
    assertRefused(new TimeRange(now, now, null, null), "range.end");
    assertRefused(new TimeRange(now, now, "today", null), "range");
    assertRefused(new TimeRange(null, null, "last 900d", null), "range");
  }

  /** A date-time the API can't place names the field and shows the form it wants. */
  @ParameterizedTest
  @CsvSource({
    "2026-12-01, a date has no time",
    "2026-12-01T00:00:00, has no zone offset: add Z for UTC",
    "yesterday noon, such as 2026-12-01T00:00:00Z",
    "2026-13-01T00:00:00Z, such as 2026-12-01T00:00:00Z"
  })
  void anAbsoluteRangeSaysWhichFormItWants(String start, String says) {
    TimeRange range = new TimeRange(start, "2026-12-02T00:00:00Z", null, null);
    assertThatThrownBy(() -> range.resolve(NOW))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("field", "range.start")
        .hasMessageContaining(says);
  }

  @Test
  void anOffsetIsTakenAsGiven() {
    Interval i =
        new TimeRange("2026-12-01T01:00:00+01:00", "2026-12-01T02:00:00.5Z", null, null)
            .resolve(NOW);
    assertThat(i.start()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(i.end()).isEqualTo(Instant.parse("2026-12-01T02:00:00.500Z"));
  }

  private static void assertRefused(TimeRange range, String field) {
    assertThatThrownBy(() -> range.resolve(NOW))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("field", field);
  }

  @Test
  void autoGranularityKeepsBucketsFewAndAFixedOneIsBounded() {
    assertThat(Granularity.AUTO.forRange(Duration.ofHours(3))).isEqualTo(Granularity.MINUTE);
    assertThat(Granularity.AUTO.forRange(Duration.ofDays(1))).isEqualTo(Granularity.FIVE_MINUTE);
    assertThat(Granularity.AUTO.forRange(Duration.ofDays(7))).isEqualTo(Granularity.HOUR);
    assertThat(Granularity.AUTO.forRange(Duration.ofDays(90))).isEqualTo(Granularity.DAY);
    assertThat(Granularity.MINUTE.forRange(Duration.ofDays(6))).isEqualTo(Granularity.MINUTE);
    assertThatThrownBy(() -> Granularity.MINUTE.forRange(Duration.ofDays(90)))
        .hasFieldOrPropertyWithValue("field", "granularity");
    assertThatThrownBy(() -> Granularity.of("fortnight"))
        .hasFieldOrPropertyWithValue("field", "granularity");
  }

  @Test
  void comparisonsShiftTheRange() {
    Interval week = TimeRange.relative("last 7d").resolve(NOW);

    assertThat(new Compare("previous_period", null).earlier(week).end()).isEqualTo(week.start());
    assertThat(new Compare("last_week", null).earlier(week).start())
        .isEqualTo(week.start().minus(Duration.ofDays(7)));
    assertThat(new Compare("offset", "PT6H").earlier(week).end())
        .isEqualTo(week.end().minus(Duration.ofHours(6)));
    assertThatThrownBy(() -> new Compare("offset", "six hours").earlier(week))
        .hasFieldOrPropertyWithValue("field", "compare.offset");
    assertThatThrownBy(() -> new Compare("yesteryear", null).earlier(week))
        .hasFieldOrPropertyWithValue("field", "compare.to");
  }
}
