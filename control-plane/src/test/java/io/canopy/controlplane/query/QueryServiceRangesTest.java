package io.canopy.controlplane.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Questions of one shape over different ranges, asked back to back and concurrently: each answer is
 * the truth of the range it says it covers ({@code query.start}/{@code query.end}), never another
 * range's. The regression test of issue 32: an absolute range in 2029 asked right after a window of
 * 20 to 10 minutes ago was answered with that window's totals, "while revalidating".
 */
class QueryServiceRangesTest {
  private static final String MEASURES =
      "\"measures\":[\"purchases\",\"duration_ms_events\",\"events\"]";

  private final QueryFixture f = new QueryFixture();
  private Instant now;

  /** One event a minute over the last three hours, a purchase every tenth minute. */
  @BeforeEach
  void events() {
    now = f.clock.instant().truncatedTo(ChronoUnit.MINUTES);
    for (Instant t = now.minus(Duration.ofHours(3)); t.isBefore(now); t = t.plusSeconds(60)) {
      f.druid.add("acme", t, "count", 1);
      f.druid.add("acme", t, "duration_ms_count", 1);
      if (t.getEpochSecond() / 60 % 10 == 0) {
        f.druid.add("acme", t, "purchases", 1);
      }
    }
    Instant hour = now.truncatedTo(ChronoUnit.HOURS);
    f.druid.hours(hour, 3);
  }

  @AfterEach
  void close() {
    f.close();
  }

  /** The events the world holds in {@code [start, end)}: one a minute in the last three hours. */
  private long eventsIn(Instant start, Instant end) {
    Instant from = max(start, now.minus(Duration.ofHours(3)));
    Instant to = end.isBefore(now) ? end : now;
    return to.isAfter(from) ? Duration.between(from, to).toMinutes() : 0;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static String absolute(Instant start, Instant end) {
    return "{" + MEASURES + ",\"range\":{\"start\":\"" + start + "\",\"end\":\"" + end + "\"}}";
  }

  private static String relative(String range) {
    return "{" + MEASURES + ",\"range\":{\"relative\":\"" + range + "\"}}";
  }

  /**
   * The answer's events, in its totals and in its one row, are the truth of the range the answer
   * says it covers.
   */
  private void assertTrue(QueryResult r, String asked) {
    long truth = eventsIn(r.query().start(), r.query().end());
    String what =
        "events of " + asked + ", answered for " + r.query().start() + "/" + r.query().end();
    assertThat(events(r.totals())).as("totals: " + what).isEqualTo(truth);
    assertThat(r.rows()).as("rows: " + what).hasSize(1);
    assertThat(events(r.rows().get(0))).as("row: " + what).isEqualTo(truth);
  }

  private static long events(QueryResult.Row row) {
    return ((Number) row.values().get("events")).longValue();
  }

  @Test
  void aRangeInTheFutureAskedRightAfterARecentWindowGetsItsOwnAnswer() {
    Instant windowStart = now.minus(Duration.ofMinutes(20));
    Instant windowEnd = now.minus(Duration.ofMinutes(10));
    QueryResult window = f.ask("acme", absolute(windowStart, windowEnd));
    Instant march = Instant.parse("2029-03-01T00:00:00Z");
    QueryResult future = f.ask("acme", absolute(march, march.plus(Duration.ofDays(7))));

    assertThat(events(window.totals())).isEqualTo(10);
    assertThat(future.query().start()).isEqualTo(march);
    assertTrue(future, "the first week of March 2029");
    assertThat(events(future.rows().get(0))).isZero();
    assertThat(future.rows().get(0).values().get("purchases")).isEqualTo(0L);
  }

  @Test
  void aRelativeRangeAskedAfterAPastWindowGetsItsOwnAnswer() {
    QueryResult past =
        f.ask(
            "acme", absolute(now.minus(Duration.ofMinutes(80)), now.minus(Duration.ofMinutes(70))));
    QueryResult lastHour = f.ask("acme", relative("last 1h"));

    assertTrue(past, "a past window");
    assertTrue(lastHour, "last 1h");
    // The range ends at the next whole minute; the newest event is a minute before now.
    assertThat(events(lastHour.totals())).isEqualTo(59);
  }

  /**
   * Eight clients each walk ranges of one shape whose ends move later, as a dashboard's time picker
   * would (growing windows, then weeks in 2029, then relative ranges), over and over.
   */
  @Test
  void rangesOfOneShapeAskedConcurrentlyEachGetTheirOwnAnswer() throws Exception {
    List<String> questions = new ArrayList<>();
    Instant from = now.minus(Duration.ofMinutes(90));
    for (int k = 1; k <= 12; k++) {
      questions.add(absolute(from, from.plus(Duration.ofMinutes(10L * k))));
    }
    Instant march = Instant.parse("2029-03-01T00:00:00Z");
    for (int week = 0; week < 3; week++) {
      Instant start = march.plus(Duration.ofDays(7L * week));
      questions.add(absolute(start, start.plus(Duration.ofDays(7))));
    }
    for (String r : List.of("last 30m", "last 1h", "last 2h", "today")) {
      questions.add(relative(r));
    }
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        done.add(
            clients.submit(
                () -> {
                  for (int round = 0; round < 20; round++) {
                    for (String q : questions) {
                      assertTrue(f.ask("acme", q), q);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> d : done) {
        d.get();
      }
    } finally {
      clients.shutdownNow();
    }
  }
}
