package io.canopy.controlplane.query.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.canopy.controlplane.Eventually;
import io.canopy.controlplane.MovableClock;
import io.canopy.controlplane.common.Demand;
import io.canopy.controlplane.druid.SqlParameter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A moving question (a relative range) answered with its answer of a moment ago while the moved
 * range loads in the background; and every case in which it must wait for its own answer instead.
 */
class ResultCacheRevalidationTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final MetricRegistry metrics = new MetricRegistry();
  private final MovableClock clock = new MovableClock();
  private final ExecutorService refresher = Executors.newSingleThreadExecutor();
  private final ResultCache cache =
      new ResultCache(1 << 20, Duration.ofSeconds(60), clock, refresher, metrics);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger loads = new AtomicInteger();

  @AfterEach
  void stop() throws InterruptedException {
    release.countDown();
    refresher.shutdown();
    assertThat(refresher.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /** The key of "last 7d" ending at {@code end}: its range is in the parameters. */
  private static ResultCache.Key key(Instant start, Instant end) {
    return key("acme", start, end);
  }

  private static ResultCache.Key key(String tenant, Instant start, Instant end) {
    return new ResultCache.Key(
        tenant,
        "events",
        "SELECT APPROX_COUNT_DISTINCT_DS_CPC(\"users\") FROM events WHERE tenant = ? AND ? AND ?",
        List.of(
            SqlParameter.varchar(tenant),
            SqlParameter.bigint(start.toEpochMilli()),
            SqlParameter.bigint(end.toEpochMilli())),
        null);
  }

  private static ResultCache.Moving moving(Instant start, Instant end) {
    return new ResultCache.Moving(
        key(Instant.EPOCH, Instant.EPOCH), start, end, ResultCache.Role.WHOLE);
  }

  private ResultCache.Answer ask(Instant start, Instant end, ResultCache.Loader load) {
    return cache.get(key(start, end), load, Demand.ALWAYS, false, moving(start, end), null);
  }

  private static ArrayNode rows(long n) {
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    rows.addObject().put("m0", n);
    return rows;
  }

  private static long value(ResultCache.Answer a) {
    return a.rows().get(0).path("m0").asLong();
  }

  /** A load that counts itself and waits for the test to release it. */
  private ResultCache.Loader held(long n) {
    return d -> {
      loads.incrementAndGet();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return rows(n);
    };
  }

  private long count(String name) {
    return metrics.counter("canopy.query.cache." + name).getCount();
  }

  @Test
  void aRangeThatMovedIsAnsweredAtOnceWithTheEarlierAnswerWhileTheNewOneLoads() {
    Instant start = T0.minus(Duration.ofDays(7));
    ResultCache.Answer first = ask(start, T0, d -> rows(1));

    ResultCache.Answer during = ask(start.plus(MINUTE), T0.plus(MINUTE), held(2));
    ResultCache.Answer again = ask(start.plus(MINUTE), T0.plus(MINUTE), held(3));

    assertThat(value(during)).isEqualTo(1);
    assertThat(value(again)).isEqualTo(1);
    assertThat(during.computedAt()).isEqualTo(first.computedAt());
    Eventually.until("the moved range's query", Duration.ofSeconds(10), () -> loads.get() > 0);
    assertThat(loads).as("one query for the moved range, not one a request").hasValue(1);
    assertThat(count("stale")).isEqualTo(2);

    release.countDown();
    Eventually.until(
        "the moved range's own answer",
        Duration.ofSeconds(10),
        () -> value(ask(start.plus(MINUTE), T0.plus(MINUTE), d -> rows(4))) == 2);
    assertThat(loads).hasValue(1);
  }

  @Test
  void anotherTenantsEarlierAnswerIsNeverServed() {
    Instant start = T0.minus(Duration.ofDays(7));
    ask(start, T0, d -> rows(1));

    Instant s1 = start.plus(MINUTE);
    Instant e1 = T0.plus(MINUTE);
    ResultCache.Moving other =
        new ResultCache.Moving(
            key("other", Instant.EPOCH, Instant.EPOCH), s1, e1, ResultCache.Role.WHOLE);
    assertThat(
            value(cache.get(key("other", s1, e1), d -> rows(2), Demand.ALWAYS, false, other, null)))
        .isEqualTo(2);
    assertThat(count("stale")).isZero();
  }

  @Test
  void anAnswerWhoseTtlRanOutServesWhileItIsAskedAgain() {
    Instant start = T0.minus(Duration.ofDays(7));
    ask(start, T0, d -> rows(1));
    clock.advance(Duration.ofSeconds(67)); // TTL 60 s ± 10 %: expired

    assertThat(value(ask(start, T0, held(2)))).isEqualTo(1);
    assertThat(count("stale")).isEqualTo(1);
    release.countDown();
    Eventually.until(
        "the new answer", Duration.ofSeconds(10), () -> value(ask(start, T0, held(3))) == 2);
    assertThat(loads).hasValue(1);
  }

  @Test
  void anEarlierAnswerOlderThanTwoTtlsIsNotUsed() {
    Instant start = T0.minus(Duration.ofDays(7));
    ask(start, T0, d -> rows(1));
    clock.advance(Duration.ofSeconds(121));

    assertThat(value(ask(start.plus(MINUTE), T0.plus(MINUTE), d -> rows(2)))).isEqualTo(2);
    assertThat(count("stale")).isZero();
  }

  /**
   * The rows of a split are written with its top values, which may be an answer of a moment ago:
   * they show that moment's choice of values, so they count as computed then, wherever they serve
   * later (issue 32's differential test met rows whose top values were older than their stated
   * {@code computedAt}).
   */
  @Test
  void anAnswerWrittenWithOlderAnswersCountsAsComputedWhenTheyWere() {
    Instant start = T0.minus(Duration.ofDays(7));
    Instant valuesComputed = clock.instant().minus(Duration.ofSeconds(50));
    ResultCache.Answer rows =
        cache.get(
            key(start, T0), d -> rows(1), Demand.ALWAYS, false, moving(start, T0), valuesComputed);
    assertThat(rows.computedAt()).isEqualTo(valuesComputed);

    clock.advance(Duration.ofSeconds(60));
    ResultCache.Answer later = ask(start.plus(MINUTE), T0.plus(MINUTE), held(2));
    assertThat(value(later)).isEqualTo(1);
    assertThat(later.computedAt())
        .as("served later, as old as its values")
        .isEqualTo(valuesComputed);

    // 121 s after its values, though 71 s after its query: too old to serve while loading
    clock.advance(Duration.ofSeconds(11));
    Duration twoMinutes = MINUTE.multipliedBy(2);
    assertThat(value(ask(start.plus(twoMinutes), T0.plus(twoMinutes), d -> rows(3))))
        .as("not the answer of a moment ago any more")
        .isEqualTo(3);
  }

  @Test
  void aQueryWrittenWithNewerAnswersCountsAsComputedWhenItRan() {
    Instant start = T0.minus(Duration.ofDays(7));
    Instant before = clock.instant();
    ResultCache.Answer rows =
        cache.get(
            key(start, T0),
            d -> rows(1),
            Demand.ALWAYS,
            false,
            moving(start, T0),
            before.plusSeconds(5));
    assertThat(rows.computedAt()).isBetween(before, clock.instant());
  }

  @Test
  void yesterdaysTodayIsNotAnEarlierAnswerOfToday() {
    Instant yesterday = T0.minus(Duration.ofDays(1));
    ask(yesterday, yesterday.plus(Duration.ofHours(10)), d -> rows(1));

    // today: its start moved a day, its end less: another question, not the same one earlier
    assertThat(value(ask(T0, T0.plus(MINUTE), d -> rows(2)))).isEqualTo(2);
    assertThat(count("stale")).isZero();
  }

  @Test
  void aRangeWhoseEndStaysIsTheSameQuestionAMinuteLater() {
    // "today" a minute later: the start stays, the end moves
    ask(T0, T0.plus(MINUTE), d -> rows(1));

    assertThat(value(ask(T0, T0.plus(MINUTE.multipliedBy(2)), held(2)))).isEqualTo(1);
    assertThat(count("stale")).isEqualTo(1);
  }

  /**
   * Another range asked of the same SQL: its moving key names another range as asked (the key's
   * version holds it, as QueryRun writes it), so it is another question, never served with this
   * one's answer, even where its range would pass for a later position of this one.
   */
  @Test
  void anotherRangeAskedIsNeverAnEarlierAnswer() {
    Instant start = T0.minus(Duration.ofMinutes(20));
    Instant end = T0.minus(Duration.ofMinutes(10));
    ask(start, end, d -> rows(10));
    Instant march = Instant.parse("2029-03-01T00:00:00Z");
    ResultCache.Key otherShape =
        new ResultCache.Key(
            "acme",
            "events",
            key(Instant.EPOCH, Instant.EPOCH).sql(),
            key(Instant.EPOCH, Instant.EPOCH).parameters(),
            "moving WHOLE of 2029-03-01/08");
    ResultCache.Moving other =
        new ResultCache.Moving(
            otherShape, march, march.plus(Duration.ofDays(7)), ResultCache.Role.WHOLE);

    ResultCache.Answer a =
        cache.get(
            key(march, march.plus(Duration.ofDays(7))),
            d -> rows(0),
            Demand.ALWAYS,
            false,
            other,
            null);

    assertThat(value(a)).isZero();
    assertThat(a.start()).isEqualTo(march);
    assertThat(count("stale")).isZero();
  }

  /** The tail of "last 7d, by hour" from {@code start} (a boundary) to {@code end}. */
  private ResultCache.Answer tail(Instant start, Instant end, ResultCache.Loader load) {
    ResultCache.Moving tail =
        new ResultCache.Moving(
            key(Instant.EPOCH, Instant.EPOCH), start, end, ResultCache.Role.TAIL);
    return cache.get(key(start, end), load, Demand.ALWAYS, false, tail, null);
  }

  @Test
  void aTailAMinuteLaterServesButNotOnceItsStartMoved() {
    Instant line = T0.minus(Duration.ofHours(1));
    tail(line, T0, d -> rows(60));

    ResultCache.Answer later = tail(line, T0.plus(MINUTE), held(61));
    assertThat(value(later)).as("the same tail a minute ago").isEqualTo(60);
    assertThat(later.end()).as("it says what it covers").isEqualTo(T0);

    // The handoff line moved an hour: the settled middle now covers the old tail's first hour,
    // so the old tail would count that hour twice.
    assertThat(value(tail(T0, T0.plus(MINUTE.multipliedBy(2)), d -> rows(2)))).isEqualTo(2);
    assertThat(count("stale")).isEqualTo(1);
  }

  /** The edge of "last 7d, by hour" from {@code start} to the first hour boundary after it. */
  private ResultCache.Answer edge(Instant start, Instant boundary, ResultCache.Loader load) {
    ResultCache.Moving edge =
        new ResultCache.Moving(
            key(Instant.EPOCH, Instant.EPOCH), start, boundary, ResultCache.Role.EDGE);
    return cache.get(key(start, boundary), load, Demand.ALWAYS, false, edge, null);
  }

  @Test
  void anEdgeAMinuteLaterIsAnsweredWithItsEarlierAnswerWhileItLoads() {
    Instant start = T0.minus(Duration.ofDays(7)).plus(Duration.ofMinutes(20));
    Instant boundary = T0.minus(Duration.ofDays(7)).plus(Duration.ofHours(1));
    edge(start, boundary, d -> rows(40));

    // Its start moved, its end stayed on the boundary: the same bucket a minute ago.
    assertThat(value(edge(start.plus(MINUTE), boundary, held(39)))).isEqualTo(40);
    assertThat(count("stale")).isEqualTo(1);
    release.countDown();
    Eventually.until(
        "the moved edge's own answer",
        Duration.ofSeconds(10),
        () -> value(edge(start.plus(MINUTE), boundary, d -> rows(0))) == 39);
  }

  @Test
  void anEdgePastTheNextBoundaryWaitsForItsOwnAnswer() {
    Instant hour = T0.minus(Duration.ofDays(7));
    edge(hour.plus(Duration.ofMinutes(59)), hour.plus(Duration.ofHours(1)), d -> rows(1));

    // A minute later the range starts in the next hour: its edge is another bucket.
    Instant next = hour.plus(Duration.ofHours(1));
    assertThat(value(edge(next, next.plus(Duration.ofHours(1)), d -> rows(60)))).isEqualTo(60);
    assertThat(count("stale")).isZero();
  }

  @Test
  void aFreshRequestWaitsForItsOwnAnswer() {
    Instant start = T0.minus(Duration.ofDays(7));
    ask(start, T0, d -> rows(1));

    ResultCache.Answer fresh =
        cache.get(
            key(start.plus(MINUTE), T0.plus(MINUTE)),
            d -> rows(2),
            Demand.ALWAYS,
            true,
            moving(start.plus(MINUTE), T0.plus(MINUTE)),
            null);

    assertThat(value(fresh)).isEqualTo(2);
    assertThat(count("stale")).isZero();
  }

  @Test
  void whenTheRefresherRefusesTheRequestWaitsForItsOwnAnswer() {
    ResultCache full =
        new ResultCache(
            1 << 20,
            Duration.ofSeconds(60),
            clock,
            r -> {
              throw new RejectedExecutionException("full");
            },
            metrics);
    Instant start = T0.minus(Duration.ofDays(7));
    full.get(key(start, T0), d -> rows(1), Demand.ALWAYS, false, moving(start, T0), null);

    Instant s1 = start.plus(MINUTE);
    Instant e1 = T0.plus(MINUTE);
    assertThat(
            value(full.get(key(s1, e1), d -> rows(2), Demand.ALWAYS, false, moving(s1, e1), null)))
        .isEqualTo(2);
    assertThat(count("stale")).isZero();
  }

  @Test
  void aFailedRevalidationIsNotKeptAndTheNextRequestTriesAgain() {
    Instant start = T0.minus(Duration.ofDays(7));
    ask(start, T0, d -> rows(1));
    Instant s1 = start.plus(MINUTE);
    Instant e1 = T0.plus(MINUTE);

    assertThat(
            value(
                ask(
                    s1,
                    e1,
                    d -> {
                      loads.incrementAndGet();
                      throw new IllegalStateException("Druid away");
                    })))
        .isEqualTo(1);
    Eventually.until("the failed load is over", Duration.ofSeconds(10), () -> loads.get() == 1);

    Eventually.until(
        "a second load, the answer of the moved range",
        Duration.ofSeconds(10),
        () -> value(ask(s1, e1, d -> rows(2))) == 2);
  }
}
