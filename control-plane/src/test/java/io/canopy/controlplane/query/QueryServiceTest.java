package io.canopy.controlplane.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.controlplane.common.Demand;
import io.canopy.controlplane.common.TimedOutException;
import io.canopy.controlplane.query.QueryResult.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The query service over a fake Druid that holds known numbers per minute: what an answer holds
 * (every bucket, dated within the range, compared, cut at the limit), what it asks of Druid (once
 * per question while cached, nothing for a filter that never holds), and its limits.
 */
class QueryServiceTest {
  private final QueryFixture f = new QueryFixture();
  private Instant now;
  private Instant hour;

  /**
   * acme: 2 events in every even minute of the last three hours (none in odd minutes), and none at
   * all between 50 and 40 minutes ago; globex: 100 events a minute. The current hour is real-time.
   */
  @BeforeEach
  void events() {
    now = f.clock.instant().truncatedTo(ChronoUnit.MINUTES);
    for (Instant t = now.minus(Duration.ofHours(3)); t.isBefore(now); t = t.plusSeconds(60)) {
      boolean gap =
          !t.isBefore(now.minus(Duration.ofMinutes(50)))
              && t.isBefore(now.minus(Duration.ofMinutes(40)));
      if (t.getEpochSecond() / 60 % 2 == 0 && !gap) {
        f.druid.add("acme", t, "count", 2);
      }
      f.druid.add("globex", t, "count", 100);
    }
    hour = now.truncatedTo(ChronoUnit.HOURS);
    f.druid.hours(hour, 3);
  }

  @AfterEach
  void close() {
    f.close();
  }

  private static String absolute(Instant start, Instant end, String more) {
    return "{\"measures\":[\"events\"],\"range\":{\"start\":\""
        + start
        + "\",\"end\":\""
        + end
        + "\"}"
        + more
        + "}";
  }

  private static long events(Row r) {
    return ((Number) r.values().get("events")).longValue();
  }

  private long truth(String tenant, Instant start, Instant end) {
    long n = 0;
    for (Instant t = start; t.isBefore(end); t = t.plusSeconds(60)) {
      boolean inData = !t.isBefore(now.minus(Duration.ofHours(3))) && t.isBefore(now);
      boolean gap =
          !t.isBefore(now.minus(Duration.ofMinutes(50)))
              && t.isBefore(now.minus(Duration.ofMinutes(40)));
      if (inData && tenant.equals("globex")) {
        n += 100;
      } else if (inData && !gap && t.getEpochSecond() / 60 % 2 == 0) {
        n += 2;
      }
    }
    return n;
  }

  @Test
  void everyBucketIsThereEmptyOnesAtZero() {
    Instant start = now.minus(Duration.ofMinutes(60));
    QueryResult r = f.ask("acme", absolute(start, now, ",\"granularity\":\"minute\""));

    assertThat(r.rows()).hasSize(60);
    for (int i = 0; i < 60; i++) {
      Row row = r.rows().get(i);
      Instant t = start.plus(Duration.ofMinutes(i));
      assertThat(row.time()).isEqualTo(t);
      assertThat(events(row)).as("minute %s", t).isEqualTo(truth("acme", t, t.plusSeconds(60)));
    }
    assertThat(r.rows().stream().filter(row -> events(row) == 0).count()).isGreaterThan(30);
    assertThat(r.truncated()).isNull();
  }

  @Test
  void noRowIsDatedBeforeTheRangeAndTheFirstBucketHoldsOnlyWhatIsInside() {
    Instant start = hour.minus(Duration.ofHours(2)).plus(Duration.ofMinutes(25));
    QueryResult r = f.ask("acme", absolute(start, now, ",\"granularity\":\"hour\""));

    assertThat(r.rows().get(0).time()).isEqualTo(start);
    assertThat(events(r.rows().get(0)))
        .isEqualTo(truth("acme", start, hour.minus(Duration.ofHours(1))));
    assertThat(r.rows().get(1).time()).isEqualTo(hour.minus(Duration.ofHours(1)));
    assertThat(r.rows().stream().mapToLong(QueryServiceTest::events).sum())
        .isEqualTo(events(r.totals()))
        .isEqualTo(truth("acme", start, now));
  }

  @Test
  void theLimitCutsRowsAndSaysSo() {
    Instant start = now.minus(Duration.ofMinutes(60));
    QueryResult r = f.ask("acme", absolute(start, now, ",\"granularity\":\"minute\",\"limit\":25"));

    assertThat(r.rows()).hasSize(25);
    assertThat(r.truncated()).isTrue();
    assertThat(r.rows().get(24).time()).isEqualTo(start.plus(Duration.ofMinutes(24)));
  }

  @Test
  void aComparisonGivesEveryRowItsEarlierValueEmptyOnesIncluded() {
    // The previous hour holds the gap: its empty minutes are 0, and so is their previous value.
    Instant start = now.minus(Duration.ofMinutes(40));
    QueryResult r =
        f.ask(
            "acme",
            absolute(
                start,
                now,
                ",\"granularity\":\"minute\",\"compare\":{\"to\":\"previous_period\"}"));

    assertThat(r.query().compareStart()).isEqualTo(start.minus(Duration.ofMinutes(40)));
    for (Row row : r.rows()) {
      Instant before = row.time().minus(Duration.ofMinutes(40));
      long was = truth("acme", before, before.plusSeconds(60));
      assertThat(row.previous()).containsEntry("events", was);
      assertThat(row.delta()).containsEntry("events", (double) (events(row) - was));
    }
    assertThat(r.totals().previous())
        .containsEntry("events", truth("acme", start.minus(Duration.ofMinutes(40)), start));
  }

  @Test
  void aFilterThatNeverHoldsIsAnsweredWithoutDruid() {
    long before = f.druid.dataQueries();
    String never =
        ",\"granularity\":\"hour\",\"filter\":{\"type\":\"and\",\"filters\":["
            + "{\"type\":\"equals\",\"dimension\":\"country\",\"value\":\"JP\"},"
            + "{\"type\":\"equals\",\"dimension\":\"country\",\"value\":\"GB\"}]}";
    QueryResult r = f.ask("acme", absolute(hour.minus(Duration.ofHours(2)), hour, never));

    assertThat(r.rows()).hasSize(2).allSatisfy(row -> assertThat(events(row)).isZero());
    assertThat(events(r.totals())).isZero();
    QueryResult all =
        f.ask(
            "acme",
            absolute(
                hour.minus(Duration.ofHours(2)),
                hour,
                never.substring(",\"granularity\":\"hour\"".length())));
    assertThat(all.rows()).as("its one row, the totals").hasSize(1);
    assertThat(events(all.rows().get(0))).isZero();
    assertThat(all.totals().dimensions()).isEmpty();
    assertThat(f.druid.dataQueries()).isEqualTo(before);
  }

  @Test
  void theLimitCutsTheEmptyBucketsOfAFilterThatNeverHoldsAndSaysSo() {
    String never =
        ",\"granularity\":\"fifteen_minute\",\"limit\":3,\"filter\":{\"type\":\"and\",\"filters\":["
            + "{\"type\":\"equals\",\"dimension\":\"country\",\"value\":\"JP\"},"
            + "{\"type\":\"equals\",\"dimension\":\"country\",\"value\":\"GB\"}]}";
    QueryResult r = f.ask("acme", absolute(hour.minus(Duration.ofHours(2)), hour, never));

    assertThat(r.rows()).as("3 of the 8 buckets").hasSize(3);
    assertThat(r.truncated()).isTrue();
  }

  @Test
  void aQuestionAskedAgainIsAnsweredFromTheCacheAndNoCacheAsksDruid() {
    String q = absolute(now.minus(Duration.ofMinutes(90)), now, ",\"granularity\":\"five_minute\"");
    QueryResult first = f.ask("acme", q);
    long asked = f.druid.dataQueries();
    QueryResult again = f.ask("acme", q);

    assertThat(f.druid.dataQueries()).isEqualTo(asked);
    assertThat(again.rows()).isEqualTo(first.rows());
    f.service.query(QueryFixture.tenant("acme"), QueryFixture.model(q), true, Demand.ALWAYS);
    assertThat(f.druid.dataQueries()).isGreaterThan(asked);
  }

  @Test
  void eachTenantGetsItsOwnNumbersForTheSameQuestion() {
    String q = absolute(now.minus(Duration.ofMinutes(30)), now, "");
    long acme = events(f.ask("acme", q).totals());
    long globex = events(f.ask("globex", q).totals());

    assertThat(acme).isEqualTo(truth("acme", now.minus(Duration.ofMinutes(30)), now));
    assertThat(globex).isEqualTo(3000);
  }

  @Test
  void aQueryPastItsTimeoutSendsNoMoreToDruid() {
    // Druid takes the whole timeout (30 s) to answer the first query: the next is never sent.
    f.druid.onEachQuery(() -> f.clock.advance(Duration.ofSeconds(31)));
    String q = absolute(now.minus(Duration.ofHours(2)), now, ",\"granularity\":\"hour\"");

    assertThatThrownBy(() -> f.ask("acme", q))
        .isInstanceOf(TimedOutException.class)
        .hasFieldOrPropertyWithValue("field", "quotas.queryTimeoutMs");
    assertThat(f.druid.dataQueries()).isEqualTo(1);
  }

  @Test
  void anAnswerOfAMomentAgoSaysTheRangeItCovers() {
    String lastHour = "{\"measures\":[\"events\"],\"range\":{\"relative\":\"last 1h\"}}";
    QueryResult first = f.ask("acme", lastHour);
    f.druid.onEachQuery(f::holdQueries); // the moved range's query waits in the background
    f.clock.advance(Duration.ofSeconds(70)); // the TTL ran out and the range moved a minute

    QueryResult later = f.ask("acme", lastHour);

    assertThat(later.query().start()).isEqualTo(first.query().start());
    assertThat(later.query().end()).isEqualTo(first.query().end());
    assertThat(events(later.totals())).isEqualTo(events(first.totals()));
    assertThat(later.freshness().computedAt()).isEqualTo(first.freshness().computedAt());
    f.releaseQueries();
  }

  /**
   * Rows from an answer of a moment ago and totals from a new one would count two ranges: the
   * request is answered again without answers of a moment ago, so both count the one range stated.
   */
  @Test
  void rowsAndTotalsFromTwoMomentsAreAskedAgainAsOne() {
    String byHour =
        "{\"measures\":[\"events\"],\"granularity\":\"hour\",\"range\":{\"relative\":\"last 2h\"}}";
    String whole = "{\"measures\":[\"events\"],\"range\":{\"relative\":\"last 2h\"}}";
    f.ask("acme", byHour);
    f.clock.advance(Duration.ofSeconds(70)); // the range moved; every live answer expired
    // The totals' parts (the same SQL as the whole range's) are asked anew for the new range...
    f.service.query(QueryFixture.tenant("acme"), QueryFixture.model(whole), true, Demand.ALWAYS);

    // ...while the rows' edge has only its answer of a moment ago.
    QueryResult r = f.ask("acme", byHour);

    assertThat(Duration.between(r.query().start(), r.query().end()))
        .as("one position of the range, not two")
        .isEqualTo(Duration.ofHours(2));
    long rows = r.rows().stream().mapToLong(QueryServiceTest::events).sum();
    assertThat(rows).isEqualTo(events(r.totals()));
    assertThat(events(r.totals())).isEqualTo(truth("acme", r.query().start(), r.query().end()));
  }
}
