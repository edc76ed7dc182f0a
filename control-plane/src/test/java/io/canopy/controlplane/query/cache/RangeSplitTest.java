package io.canopy.controlplane.query.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.controlplane.query.model.Granularity;
import io.canopy.controlplane.query.model.Interval;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A table of ranges × handoff lines × granularities, and the parts each splits into. */
class RangeSplitTest {
  private static String parts(String start, String end, String zone, String g, String line) {
    Interval range = new Interval(Instant.parse(start), Instant.parse(end), ZoneId.of(zone));
    List<RangeSplit.Part> parts =
        RangeSplit.split(
            range, Granularity.of(g), line.equals("none") ? null : Instant.parse(line));
    return parts.stream()
        .map(
            p ->
                (p.settled() ? "S" : "L")
                    + "["
                    + p.interval().start().toString().substring(5, 16)
                    + ","
                    + p.interval().end().toString().substring(5, 16)
                    + ")")
        .collect(Collectors.joining(" "));
  }

  @ParameterizedTest(name = "{0}..{1} {3} line {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        // a 7-day relative range, hourly, real-time data from 09:00: edge, settled hours, tail
        "2026-11-25T10:16:00Z|2026-12-02T10:16:00Z|UTC|hour|2026-12-02T09:00:00Z"
            + "|L[11-25T10:16,11-25T11:00) S[11-25T11:00,12-02T09:00) L[12-02T09:00,12-02T10:16)",
        // the line inside an hour: the settled part stops at the hour before it
        "2026-11-25T10:16:00Z|2026-12-02T10:16:00Z|UTC|hour|2026-12-02T09:40:00Z"
            + "|L[11-25T10:16,11-25T11:00) S[11-25T11:00,12-02T09:00) L[12-02T09:00,12-02T10:16)",
        // late data a day back moves the line back: more is live
        "2026-11-25T10:16:00Z|2026-12-02T10:16:00Z|UTC|hour|2026-12-01T03:00:00Z"
            + "|L[11-25T10:16,11-25T11:00) S[11-25T11:00,12-01T03:00) L[12-01T03:00,12-02T10:16)",
        // no real-time data at all: settled up to the last whole bucket
        "2026-11-25T10:16:00Z|2026-12-02T10:16:00Z|UTC|hour|none"
            + "|L[11-25T10:16,11-25T11:00) S[11-25T11:00,12-02T10:00) L[12-02T10:00,12-02T10:16)",
        // an aligned absolute range wholly before the line: one settled part
        "2026-11-01T00:00:00Z|2026-11-08T00:00:00Z|UTC|day|2026-12-02T09:00:00Z"
            + "|S[11-01T00:00,11-08T00:00)",
        // a range wholly after the line: live
        "2026-12-02T09:30:00Z|2026-12-02T10:16:00Z|UTC|minute|2026-12-02T09:00:00Z"
            + "|L[12-02T09:30,12-02T10:16)",
        // shorter than one bucket: live
        "2026-12-02T08:10:00Z|2026-12-02T08:50:00Z|UTC|hour|2026-12-02T09:00:00Z"
            + "|L[12-02T08:10,12-02T08:50)",
        // days in Berlin: boundaries at 23:00 UTC
        "2026-11-25T10:16:00Z|2026-12-02T10:16:00Z|Europe/Berlin|day|2026-12-02T09:00:00Z"
            + "|L[11-25T10:16,11-25T23:00) S[11-25T23:00,12-01T23:00) L[12-01T23:00,12-02T10:16)",
        // all (totals): split on hours
        "2026-11-25T10:16:00Z|2026-12-02T10:16:00Z|UTC|all|2026-12-02T09:00:00Z"
            + "|L[11-25T10:16,11-25T11:00) S[11-25T11:00,12-02T09:00) L[12-02T09:00,12-02T10:16)",
        // five-minute buckets
        "2026-12-02T08:03:00Z|2026-12-02T10:16:00Z|UTC|five_minute|2026-12-02T10:07:00Z"
            + "|L[12-02T08:03,12-02T08:05) S[12-02T08:05,12-02T10:05) L[12-02T10:05,12-02T10:16)"
      })
  void splitsOnBucketBoundariesAtTheHandoffLine(
      String start, String end, String zone, String g, String line, String expected) {
    assertThat(parts(start, end, zone, g, line)).isEqualTo(expected);
  }
}
