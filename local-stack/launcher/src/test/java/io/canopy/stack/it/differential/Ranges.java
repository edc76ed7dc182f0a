package io.canopy.stack.it.differential;

import io.canopy.stack.it.differential.RangeSpec.Anchor;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * The ranges questions ask about: relative ones, absolute ones around the run's start, now, the
 * handoff line, in the future (a week in 2029, a Europe DST change), and where there is no data;
 * and a granularity that suits each.
 */
final class Ranges {
  private static final String[] RELATIVE = {
    "last 30m",
    "last 90m",
    "last 2h",
    "last 6h",
    "last 24h",
    "last 3d",
    "last 7d",
    "last 1w",
    "today",
    "yesterday",
    "this week",
    "last week",
    "this month",
    "last month"
  };
  private static final String[] METRICS_RANGES = {
    "30m", "2h", "24h", "3d", "7d", "today", "this week"
  };

  private Ranges() {}

  /** A range {@code /v1/metrics} takes ({@code 7d} or a relative range). */
  static String metrics(Random r) {
    String range = METRICS_RANGES[r.nextInt(METRICS_RANGES.length)];
    return range.matches("\\d+[mhdw]") ? "last " + range : range;
  }

  /**
   * The range of a pair's second question: the case (a week in 2029 after a 10-minute
   * window of a moment ago) or another range of any kind.
   */
  static RangeSpec partner(Random r, Question first) {
    RangeSpec week2029 =
        RangeSpec.fixed(
            Instant.parse("2029-03-01T00:00:00Z"), Instant.parse("2029-03-08T00:00:00Z"));
    if (first.id() % 3 == 0) {
      return week2029;
    }
    RangeSpec other = any(r);
    return switch (first.path()) {
      case METRICS -> RangeSpec.relative(metrics(r));
      case SQL -> other.relative() == null ? other : week2029;
      case QUERY -> other;
    };
  }

  /** A range of any kind, relative or absolute, with or without data. */
  static RangeSpec any(Random r) {
    Duration m = Duration.ofMinutes(1);
    return switch (r.nextInt(10)) {
      case 0, 1, 2, 3 -> RangeSpec.relative(RELATIVE[r.nextInt(RELATIVE.length)]);
      case 4, 5 -> {
        Duration start = m.multipliedBy(-(1 + r.nextInt(6 * 24 * 60)));
        yield RangeSpec.around(
            Anchor.T0, start, start.plus(m.multipliedBy(1 + r.nextInt(3 * 24 * 60))));
      }
      case 6 ->
          RangeSpec.around(
              Anchor.T0,
              m.multipliedBy(-(60 + r.nextInt(240))),
              m.multipliedBy(1 + r.nextInt(180)));
      case 7 ->
          RangeSpec.around(
              Anchor.LINE,
              m.multipliedBy(-(1 + r.nextInt(300))),
              m.multipliedBy(1 + r.nextInt(120)));
      case 8 ->
          RangeSpec.around(
              Anchor.ASK, m.multipliedBy(-(5 + r.nextInt(60))), m.multipliedBy(r.nextInt(30) - 4));
      default ->
          new RangeSpec[] {
                RangeSpec.fixed(
                    Instant.parse("2029-03-01T00:00:00Z"), Instant.parse("2029-03-08T00:00:00Z")),
                RangeSpec.fixed(
                    Instant.parse("2029-03-20T00:00:00Z"), Instant.parse("2029-04-02T00:00:00Z")),
                RangeSpec.fixed(
                    Instant.parse("2026-10-24T00:00:00Z"), Instant.parse("2026-10-27T00:00:00Z")),
                RangeSpec.around(Anchor.T0, Duration.ofDays(-20), Duration.ofDays(-10))
              }
              [r.nextInt(4)];
    };
  }

  /**
   * The question with a granularity that gives at most 1,500 buckets (else {@code auto}); a
   * relative range is measured in the question's zone ({@code this week} in New York on a Sunday
   * night is nearly 7 days, in UTC a few hours of Monday).
   */
  static Question fit(Question q) {
    Granularity g = q.granularity();
    if (g == null || g == Granularity.ALL || g == Granularity.AUTO) {
      return q;
    }
    Duration length =
        q.range().relative() != null
            ? RangeSpec.resolve(q.range().relative(), Instant.now(), q.zoneId()).length()
            : q.range().to().minus(q.range().from());
    return g.buckets(length) <= 1_500
        ? q
        : new Question(
            q.id(),
            q.tenant(),
            q.path(),
            q.measures(),
            q.splits(),
            q.filter(),
            q.range(),
            q.zone(),
            Granularity.AUTO,
            q.compare(),
            q.orderBy(),
            q.limit(),
            q.having());
  }
}
