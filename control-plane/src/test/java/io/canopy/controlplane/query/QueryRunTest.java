package io.canopy.controlplane.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.controlplane.MovableClock;
import io.canopy.controlplane.common.Demand;
import io.canopy.controlplane.query.cache.ResultCache;
import io.canopy.controlplane.query.cache.SegmentTimeline;
import io.canopy.controlplane.query.measure.MeasureCatalog;
import io.canopy.controlplane.query.model.QueryModel;
import io.canopy.controlplane.query.sql.QueryPlan;
import io.canopy.controlplane.query.sql.QueryPlanner;
import io.canopy.controlplane.query.sql.QuerySql;
import io.canopy.controlplane.quota.QueryLimiter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One request's Druid queries: a range split at the handoff line into an edge, a settled middle
 * kept until its segments change, and a live tail asked again after its TTL; totals merged from the
 * parts; the tenant's newest minute from the real-time or the handed-off side.
 */
class QueryRunTest {
  private final FakeDruid druid = new FakeDruid();
  private final MovableClock clock = new MovableClock();
  private final ExecutorService refresher = Executors.newSingleThreadExecutor();
  private final ResultCache cache =
      new ResultCache(1 << 24, Duration.ofSeconds(60), clock, refresher, new MetricRegistry());
  private final QueryLimiter limiter = new QueryLimiter(System::nanoTime);
  private final QuerySql sql = new QuerySql(QuerySqlTest.EVENTS, MeasureCatalog.builtin());
  private Instant now;
  private Instant hour;

  /** One event a minute for the last five hours; the current hour is real-time. */
  @BeforeEach
  void events() {
    now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    hour = now.truncatedTo(ChronoUnit.HOURS);
    for (Instant t = hour.minus(Duration.ofHours(5)); t.isBefore(now); t = t.plusSeconds(60)) {
      druid.add("acme", t, "count", 1);
    }
  }

  @AfterEach
  void stop() {
    refresher.shutdownNow();
  }

  private SegmentTimeline timeline(String version) {
    List<SegmentTimeline.Segment> segments = new ArrayList<>();
    for (int h = 5; h >= 1; h--) {
      Instant start = hour.minus(Duration.ofHours(h));
      segments.add(new SegmentTimeline.Segment(start, start.plusSeconds(3600), version, 0, false));
    }
    segments.add(new SegmentTimeline.Segment(hour, hour.plusSeconds(3600), "live", 0, true));
    return new SegmentTimeline(segments);
  }

  private QueryRun run(SegmentTimeline timeline) {
    return new QueryRun(
        QueryFixture.tenant("acme"), cache, timeline, druid, limiter, clock, false, Demand.ALWAYS);
  }

  private QueryPlan plan(String json) {
    QueryModel model = QueryFixture.model(json);
    return QueryPlanner.plan(model, "acme", "events", clock.instant(), MeasureCatalog.builtin());
  }

  /** The last four hours and a half, by hour: an edge, three settled hours, the live hour. */
  private QueryPlan byHour() {
    Instant start = hour.minus(Duration.ofMinutes(270));
    return plan(
        "{\"measures\":[\"events\"],\"granularity\":\"hour\",\"range\":{\"start\":\""
            + start
            + "\",\"end\":\""
            + now.plusSeconds(60)
            + "\"}}");
  }

  private List<String> rangesAsked() {
    List<String> out = new ArrayList<>();
    for (var q : druid.asked()) {
      if (q.sql().contains("\"m0\"")) {
        int at = q.sql().startsWith("SELECT TIME_FLOOR") ? 3 : 1; // after period, zone, tenant
        out.add(q.parameters().get(at).value() + "-" + q.parameters().get(at + 1).value());
      }
    }
    return out;
  }

  @Test
  void aBucketedRangeIsAskedInItsPartsAndItsRowsComeInTimeOrder() {
    QueryPlan plan = byHour();
    JsonNode rows = run(timeline("v1")).rows(plan, sql);

    long edgeStart = hour.minus(Duration.ofMinutes(270)).toEpochMilli();
    long firstHour = hour.minus(Duration.ofHours(4)).toEpochMilli();
    assertThat(rangesAsked())
        .containsExactly(
            edgeStart + "-" + firstHour,
            firstHour + "-" + hour.toEpochMilli(),
            hour.toEpochMilli() + "-" + now.plusSeconds(60).toEpochMilli());
    long minutesThisHour = Duration.between(hour, now).toMinutes();
    // Druid answers only the buckets that hold rows: none yet in the hour's first minute.
    assertThat(rows).hasSize(minutesThisHour > 0 ? 6 : 5);
    assertThat(rows.get(0).path("m0").asLong()).isEqualTo(30);
    assertThat(rows.get(1).path("m0").asLong()).isEqualTo(60);
    if (minutesThisHour > 0) {
      assertThat(rows.get(5).path("m0").asLong()).isEqualTo(minutesThisHour);
    }
  }

  @Test
  void theSettledMiddleIsKeptUntilItsSegmentsChangeTheLiveTailOnlyForItsTtl() {
    QueryPlan plan = byHour();
    run(timeline("v1")).rows(plan, sql);
    int asked = rangesAsked().size();

    run(timeline("v1")).rows(plan, sql);
    assertThat(rangesAsked()).as("all from the cache").hasSize(asked);

    clock.advance(Duration.ofSeconds(67)); // past the live TTL (60 s ± 10 %), the same minute plan
    QueryRun fresh =
        new QueryRun(
            QueryFixture.tenant("acme"),
            cache,
            timeline("v1"),
            druid,
            limiter,
            clock,
            true,
            Demand.ALWAYS);
    fresh.rows(plan, sql);
    assertThat(rangesAsked()).as("no-cache asks every part again").hasSize(asked + 3);

    // A compaction: the settled hours have a new version, so their answer is asked anew.
    run(timeline("v2")).rows(plan, sql);
    assertThat(rangesAsked()).hasSize(asked + 4);
  }

  @Test
  void totalsOfSumsAreMergedFromThePartsAndEqualTheWholeRange() {
    QueryPlan plan = byHour();
    JsonNode totals = run(timeline("v1")).totals(plan, sql);

    long minutes = Duration.between(hour.minus(Duration.ofMinutes(270)), now).toMinutes();
    assertThat(totals.path("m0").asLong()).isEqualTo(minutes);
    assertThat(rangesAsked()).hasSize(3);
  }

  @Test
  void rowsStopOnePastTheLimit() {
    QueryPlan plan =
        plan(
            "{\"measures\":[\"events\"],\"granularity\":\"minute\",\"limit\":10,"
                + "\"range\":{\"relative\":\"last 2h\"}}");
    assertThat(run(timeline("v1")).rows(plan, sql)).hasSize(11);
  }

  @Test
  void theNewestMinuteIsReadFromTheLiveSideFirst() {
    assertThat(run(timeline("v1")).dataThrough("events")).isEqualTo(now.minusSeconds(60));

    // Nothing real-time of this tenant: its newest minute is in the handed-off segments.
    FakeDruid settledOnly = new FakeDruid();
    settledOnly.add("acme", hour.minus(Duration.ofMinutes(90)), "count", 1);
    QueryRun run =
        new QueryRun(
            QueryFixture.tenant("acme"),
            new ResultCache(
                1 << 20, Duration.ofSeconds(60), clock, refresher, new MetricRegistry()),
            timeline("v1"),
            settledOnly,
            limiter,
            clock,
            false,
            Demand.ALWAYS);
    assertThat(run.dataThrough("events")).isEqualTo(hour.minus(Duration.ofMinutes(90)));
  }
}
