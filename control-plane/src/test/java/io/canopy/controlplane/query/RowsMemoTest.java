package io.canopy.controlplane.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.controlplane.query.QueryResult.Bounds;
import io.canopy.controlplane.query.QueryResult.Row;
import io.canopy.controlplane.query.measure.MeasureCatalog;
import io.canopy.controlplane.query.model.Interval;
import io.canopy.controlplane.query.model.QueryModel;
import io.canopy.controlplane.query.model.TimeRange;
import io.canopy.controlplane.query.sql.QueryPlan;
import io.canopy.controlplane.query.sql.QueryPlanner;
import io.dropwizard.jackson.Jackson;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RowsMemoTest {
  private static final ObjectMapper JSON = Jackson.newObjectMapper();
  private static final Instant NOW = Instant.parse("2026-12-04T10:15:30Z");
  private static final List<Row> ROWS =
      List.of(
          new Row(
              Instant.parse("2026-12-04T09:00:00Z"),
              Map.of("country", "US"),
              Map.of("events", 12L, "users", 3.5),
              Map.of("users", new Bounds(3, 4)),
              Map.of("events", 10L),
              Map.of("events", 2.0),
              Map.of("events", 0.2),
              true),
          new Row(null, Map.of(), Map.of("events", 0L), Map.of(), null, null, null, false));
  private static final QueryResult.Freshness FRESHNESS =
      new QueryResult.Freshness(NOW, NOW, 0, NOW, List.of());

  private static QueryPlan plan(String tenant) {
    QueryModel events =
        new QueryModel(
            1,
            null,
            List.of("events"),
            null,
            null,
            TimeRange.relative("last 7d"),
            null,
            null,
            null,
            null,
            null);
    return QueryPlanner.plan(events, tenant, "events", NOW, MeasureCatalog.builtin());
  }

  @Test
  void rowsWrittenOnceReadAsTheMapperWritesThem() throws Exception {
    String plain = JSON.writeValueAsString(new QueryResult(null, ROWS, null, null, FRESHNESS));
    String rendered =
        JSON.writeValueAsString(
            new QueryResult(
                null,
                new RenderedRows(new ResultReader.Rows(ROWS, false), JSON),
                null,
                null,
                FRESHNESS));
    assertThat(rendered).isEqualTo(plain).contains("\"country\":\"US\"");

    String none =
        JSON.writeValueAsString(
            new QueryResult(
                null,
                new RenderedRows(new ResultReader.Rows(List.of(), false), JSON),
                null,
                null,
                FRESHNESS));
    assertThat(none)
        .isEqualTo(JSON.writeValueAsString(new QueryResult(null, List.of(), null, null, FRESHNESS)))
        .contains("\"rows\":[]");
  }

  @Test
  void theSameAnswersAndMinuteAreReadOnceAnythingElseAnew() {
    RowsMemo memo = new RowsMemo(1 << 20, Duration.ofMinutes(1), JSON);
    AtomicInteger reads = new AtomicInteger();
    Supplier<ResultReader.Rows> read =
        () -> {
          reads.incrementAndGet();
          return new ResultReader.Rows(ROWS, false);
        };
    QueryPlan acme = plan("acme");
    List<Row> first = memo.rows(acme, null, NOW, List.of(1L, 2L), read);
    assertThat(first).isEqualTo(ROWS);
    assertThat(memo.rows(acme, null, NOW, List.of(1L, 2L), read)).isSameAs(first);
    assertThat(reads).hasValue(1);

    memo.rows(acme, null, NOW, List.of(1L, 3L), read); // one part answered anew by Druid
    memo.rows(acme, null, NOW.plusSeconds(60), List.of(1L, 2L), read); // a bucket may be complete
    Interval lastWeek =
        new Interval(NOW.minus(Duration.ofDays(14)), NOW.minus(Duration.ofDays(7)), ZoneOffset.UTC);
    memo.rows(acme, lastWeek, NOW, List.of(1L, 2L), read); // compared with an earlier range
    memo.rows(plan("globex"), null, NOW, List.of(1L, 2L), read); // another tenant: never shared
    assertThat(reads).hasValue(5);
  }
}
