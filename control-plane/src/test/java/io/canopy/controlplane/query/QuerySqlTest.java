package io.canopy.controlplane.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.druid.SqlParameter;
import io.canopy.controlplane.query.measure.Measure;
import io.canopy.controlplane.query.measure.MeasureCatalog;
import io.canopy.controlplane.query.model.Filter;
import io.canopy.controlplane.query.model.Granularity;
import io.canopy.controlplane.query.model.Having;
import io.canopy.controlplane.query.model.OrderBy;
import io.canopy.controlplane.query.model.QueryModel;
import io.canopy.controlplane.query.model.Split;
import io.canopy.controlplane.query.model.TimeRange;
import io.canopy.controlplane.query.sql.Columns;
import io.canopy.controlplane.query.sql.CompiledSql;
import io.canopy.controlplane.query.sql.QueryPlan;
import io.canopy.controlplane.query.sql.QueryPlanner;
import io.canopy.controlplane.query.sql.QuerySql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The compiler: what SQL and which parameters a query model becomes, and what it refuses. */
class QuerySqlTest {
  static final Instant NOW = Instant.parse("2026-12-02T10:15:30Z");
  static final Columns EVENTS =
      new Columns(
          "events",
          Map.ofEntries(
              Map.entry("__time", Columns.Kind.TIME),
              Map.entry("tenant", Columns.Kind.STRING),
              Map.entry("event", Columns.Kind.STRING),
              Map.entry("country", Columns.Kind.STRING),
              Map.entry("device", Columns.Kind.STRING),
              Map.entry("page", Columns.Kind.STRING),
              Map.entry("campaign", Columns.Kind.STRING),
              Map.entry("count", Columns.Kind.NUMBER),
              Map.entry("page_views", Columns.Kind.NUMBER),
              Map.entry("purchases", Columns.Kind.NUMBER),
              Map.entry("revenue", Columns.Kind.NUMBER),
              Map.entry("duration_ms_sum", Columns.Kind.NUMBER),
              Map.entry("duration_ms_count", Columns.Kind.NUMBER),
              Map.entry("users_cpc", Columns.Kind.SKETCH),
              Map.entry("duration_ms_req", Columns.Kind.SKETCH),
              Map.entry("pages_fi", Columns.Kind.SKETCH)));

  private static QueryModel model(List<String> measures, Filter filter) {
    return model(measures, null, filter);
  }

  private static QueryModel model(List<String> measures, List<Split> splits, Filter filter) {
    return new QueryModel(
        1,
        null,
        measures,
        splits,
        filter,
        TimeRange.relative("last 7d"),
        null,
        null,
        null,
        null,
        null);
  }

  private static QueryPlan plan(QueryModel q) {
    return QueryPlanner.plan(q, "acme", "events", NOW, MeasureCatalog.builtin());
  }

  private static CompiledSql rows(QueryModel q) {
    return new QuerySql(EVENTS, MeasureCatalog.builtin()).rows(plan(q));
  }

  private static List<Object> values(CompiledSql sql) {
    return sql.parameters().stream().map(SqlParameter::value).toList();
  }

  /** Page views over the last 7 days by the top 2 countries and the rest, under {@code filter}. */
  private static QueryModel topCountries(Filter filter) {
    return model(List.of("page_views"), List.of(new Split("country", 2, true)), filter);
  }

  @Test
  void aQuestionsShapeLeavesOutItsRangeAndTheTopValuesFoundInIt() {
    QueryModel q = topCountries(new Filter.Equals("device", "mobile"));
    QuerySql sql = new QuerySql(EVENTS, MeasureCatalog.builtin());
    QueryPlan now = plan(q);
    QueryPlan minuteLater =
        QueryPlanner.plan(q, "acme", "events", NOW.plusSeconds(60), MeasureCatalog.builtin());
    QueryPlan top = now.withSplits(List.of(now.splits().get(0).withValues(list("DE", "FR"))));
    QueryPlan reordered =
        minuteLater.withSplits(List.of(now.splits().get(0).withValues(list("FR", "US"))));

    CompiledSql a = sql.rows(top.shape());
    CompiledSql b = sql.rows(reordered.shape());
    assertThat(sql.rows(top)).isNotEqualTo(sql.rows(reordered));
    assertThat(a).isEqualTo(b);
    assertThat(values(a)).doesNotContain("DE", "FR", "US");
    // Everything asked stays in it: another filter is another question.
    QueryModel other = topCountries(new Filter.Equals("device", "desktop"));
    assertThat(sql.rows(plan(other).shape())).isNotEqualTo(a);
  }

  @Test
  void aTimeSeriesOfOneMeasureSplitByCountry() {
    QueryModel q =
        new QueryModel(
            1,
            null,
            List.of("page_views"),
            List.of(new Split("country", 5, true)),
            new Filter.Equals("device", "mobile"),
            TimeRange.relative("last 7d"),
            "auto",
            null,
            null,
            null,
            null);
    QueryPlan plan = plan(q);
    assertThat(plan.granularity()).isEqualTo(Granularity.HOUR);
    QuerySql sql = new QuerySql(EVENTS, MeasureCatalog.builtin());

    CompiledSql top = sql.topValues(plan, 0);
    CompiledSql rows =
        sql.rows(plan.withSplits(List.of(plan.splits().get(0).withValues(list("DE", "FR")))));

    assertThat(top.sql())
        .isEqualTo(
            "SELECT \"country\" AS \"d\", COALESCE(SUM(\"page_views\"), 0) FROM"
                + " \"events\" WHERE \"tenant\" = ? AND \"__time\" >= MILLIS_TO_TIMESTAMP(?) AND"
                + " \"__time\" < MILLIS_TO_TIMESTAMP(?) AND (\"device\" = ?) GROUP BY 1 ORDER BY"
                + " 2 DESC LIMIT 5");
    long end = Instant.parse("2026-12-02T10:16:00Z").toEpochMilli();
    assertThat(values(top)).containsExactly("acme", end - 7 * 86_400_000L, end, "mobile");
    assertThat(rows.sql())
        .isEqualTo(
            "SELECT TIME_FLOOR(\"__time\", ?, NULL, ?) AS \"t\", CASE WHEN \"country\" IS NULL"
                + " THEN ? WHEN (\"country\" IN (?, ?)) THEN \"country\" ELSE ? END AS \"d0\","
                + " COALESCE(SUM(\"page_views\"), 0) AS \"m0\" FROM \"events\" WHERE"
                + " \"tenant\" = ? AND \"__time\" >= MILLIS_TO_TIMESTAMP(?) AND \"__time\" <"
                + " MILLIS_TO_TIMESTAMP(?) AND (\"device\" = ?) GROUP BY 1, 2 ORDER BY \"t\" ASC,"
                + " \"m0\" DESC LIMIT 1001");
    assertThat(values(rows)).startsWith("PT1H", "UTC", "(other)", "DE", "FR", "(other)", "acme");
  }

  private static List<String> list(String... values) {
    return new ArrayList<>(Arrays.asList(values));
  }

  @Test
  void everyFilterBecomesSqlWithItsValuesAsParameters() {
    Filter all =
        new Filter.And(
            List.of(
                new Filter.Equals("device", "mobile"),
                new Filter.In("country", List.of("DE", "FR")),
                new Filter.Not(new Filter.Equals("event", "click")),
                new Filter.Contains("page", "50%_off\\"),
                new Filter.Prefix("page", "/blog"),
                new Filter.Range("revenue", null, 10.0, 100.0, null),
                new Filter.Or(
                    List.of(new Filter.IsNull("campaign"), new Filter.NotNull("device")))));

    CompiledSql sql =
        new QuerySql(EVENTS, MeasureCatalog.builtin()).totals(plan(model(List.of("events"), all)));

    assertThat(sql.sql())
        .contains(
            "AND ((\"device\" = ? AND \"country\" IN (?, ?) AND ((\"event\" = ?) IS NOT TRUE)"
                + " AND \"page\" LIKE ? ESCAPE '\\' AND \"page\" LIKE ? ESCAPE '\\' AND"
                + " (\"revenue\" >= ? AND \"revenue\" < ?) AND (\"campaign\" IS NULL OR"
                + " \"device\" IS NOT NULL)))");
    assertThat(values(sql))
        .containsSubsequence(
            "mobile", "DE", "FR", "click", "%50\\%\\_off\\\\%", "/blog%", 10.0, 100.0);
    assertThat(sql.baseRows()).as("a range on revenue reads the base rows").isTrue();
    assertThat(
            new QuerySql(EVENTS, MeasureCatalog.builtin())
                .totals(plan(model(List.of("events"), new Filter.Equals("device", "mobile"))))
                .baseRows())
        .isFalse();
  }

  @Test
  void valuesThatLookLikeSqlStayParameters() {
    String evil = "x' OR 1=1 --";
    CompiledSql sql = rows(model(List.of("events"), new Filter.Equals("country", evil)));

    assertThat(sql.sql()).doesNotContain("OR 1=1").doesNotContain("x'");
    assertThat(values(sql)).contains(evil);
  }

  @Test
  void namesThatAreNotColumnsAreRefusedNamingTheField() {
    assertRefused(
        model(List.of("events"), new Filter.Equals("country\" OR 1=1 --", "x")),
        "filter.dimension");
    assertRefused(
        model(
            List.of("events"),
            new Filter.Or(List.of(new Filter.Equals("device", "a"), new Filter.IsNull("nope")))),
        "filter.filters[1].dimension");
    assertRefused(
        model(List.of("events"), new Filter.Equals("tenant", "other")), "filter.dimension");
    assertRefused(model(List.of("events"), new Filter.Equals("revenue", "1")), "filter.dimension");
    assertRefused(
        model(List.of("events"), new Filter.Range("country", 1.0, null, null, null)),
        "filter.column");
    assertRefused(model(List.of("events"), new Filter.Equals("device", null)), "filter.value");
    assertRefused(model(List.of("events"), new Filter.In("device", List.of())), "filter.values");
    assertRefused(
        model(List.of("events"), new Filter.Range("revenue", null, null, null, null)), "filter");
    assertRefused(
        model(List.of("events"), new Filter.Range("revenue", Double.NaN, null, null, null)),
        "filter.gt");
  }

  @Test
  void measuresAreResolvedByNameAndUnknownOnesRefused() {
    assertThatThrownBy(() -> plan(model(List.of("events", "page_viewz"), null)))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("field", "measures[1]");
    assertThatThrownBy(() -> plan(model(List.of("events", "events"), null)))
        .hasFieldOrPropertyWithValue("field", "measures[1]");
    assertThatThrownBy(() -> plan(model(List.of(), null)))
        .hasFieldOrPropertyWithValue("field", "measures");
  }

  @Test
  void approximateMeasuresSelectTheirBounds() {
    CompiledSql sql =
        rows(model(List.of("users", "p99_duration_ms", "top_pages", "avg_duration_ms"), null));

    assertThat(sql.sql())
        .contains("CPC_SKETCH_ESTIMATE(CPC_SKETCH(\"users_cpc\")) AS \"m0\"")
        .contains("CPC_SKETCH_ESTIMATE_WITH_ERROR_BOUNDS(CPC_SKETCH(\"users_cpc\"), ?) AS \"m0_b\"")
        .contains("REQ_SKETCH_QUANTILE(REQ_SKETCH(\"duration_ms_req\"), ?) AS \"m1\"")
        .contains("AS \"m1_lo\"", "AS \"m1_hi\"")
        .contains("FREQUENT_ITEMS_TOP_K(FREQUENT_ITEMS_SKETCH(\"pages_fi\", ?), ?) AS \"m2\"")
        .contains(
            "(CAST(SUM(\"duration_ms_sum\") AS DOUBLE) / NULLIF(SUM(\"duration_ms_count\"), 0))"
                + " AS \"m3\"");
    List<Object> v = values(sql);
    double lo = (Double) v.get(2);
    double hi = (Double) v.get(3);
    assertThat(v.get(1)).isEqualTo(0.99);
    assertThat(lo).isLessThan(0.99).isGreaterThan(0.989);
    assertThat(hi).isGreaterThan(0.99).isLessThan(0.991);
  }

  @Test
  void aMeasureOverAColumnTheDatasourceLacksSaysWhich() {
    Columns old =
        new Columns("old", Map.of("count", Columns.Kind.NUMBER, "event", Columns.Kind.STRING));
    QueryPlan plan = plan(model(List.of("avg_duration_ms"), null));

    assertThatThrownBy(() -> new QuerySql(old, MeasureCatalog.builtin()).rows(plan))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("field", "measures[0]")
        .hasMessageContaining("avg_duration_ms")
        .hasMessageContaining("duration_ms_sum");
  }

  @Test
  void customMeasuresFilterAndDivideWithoutSqlText() {
    MeasureCatalog catalog =
        new MeasureCatalog(
            List.of(
                new Measure.Aggregate(
                    "signups",
                    Measure.Function.SUM,
                    "count",
                    new Filter.Equals("event", "signup'); DROP TABLE x; --")),
                new Measure.Ratio("aov", "revenue", "purchases")));
    QueryPlan plan =
        QueryPlanner.plan(model(List.of("signups", "aov"), null), "acme", "events", NOW, catalog);

    CompiledSql sql = new QuerySql(EVENTS, catalog).totals(plan);

    assertThat(sql.sql())
        .startsWith(
            "SELECT COALESCE(SUM(\"count\") FILTER (WHERE \"event\" = ?), 0) AS \"m0\","
                + " (CAST(SUM(\"revenue\")"
                + " AS DOUBLE) / NULLIF(SUM(\"purchases\"), 0)) AS \"m1\"")
        .doesNotContain("DROP");
    assertThat(values(sql)).startsWith("signup'); DROP TABLE x; --", "acme");
  }

  @Test
  void havingOrderAndLimitAreChecked() {
    QueryModel q =
        new QueryModel(
            1,
            null,
            List.of("events", "top_pages"),
            List.of(new Split("country", null, false)),
            null,
            TimeRange.relative("today"),
            null,
            null,
            new OrderBy(null, "country", false),
            50,
            new Having("events", 10.0, null, null, null));
    QueryPlan plan = plan(q);
    CompiledSql sql =
        new QuerySql(EVENTS, MeasureCatalog.builtin())
            .rows(plan.withSplits(List.of(plan.splits().get(0).withValues(list("DE", null)))));

    assertThat(sql.sql())
        .contains("AND (\"country\" IN (?) OR \"country\" IS NULL) GROUP BY")
        .contains("GROUP BY 1 HAVING (\"m0\" > ?) ORDER BY \"d0\" ASC LIMIT 51");

    QueryModel byList =
        new QueryModel(
            1,
            null,
            List.of("top_pages"),
            null,
            null,
            TimeRange.relative("today"),
            null,
            null,
            new OrderBy("top_pages", null, null),
            null,
            null);
    assertThatThrownBy(() -> new QuerySql(EVENTS, MeasureCatalog.builtin()).rows(plan(byList)))
        .hasFieldOrPropertyWithValue("field", "orderBy.measure");
    QueryModel tooMany =
        new QueryModel(
            1,
            null,
            List.of("events"),
            null,
            null,
            TimeRange.relative("today"),
            null,
            null,
            null,
            10_001,
            null);
    assertThatThrownBy(() -> plan(tooMany)).hasFieldOrPropertyWithValue("field", "limit");
  }

  private static void assertRefused(QueryModel q, String field) {
    assertThatThrownBy(() -> rows(q))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("field", field);
  }

  /**
   * A list measure alone has one row a bucket, ordered by time; a split needs a measure to rank by.
   */
  @Test
  void aListMeasureAloneIsOrderedByTimeButCannotRankASplit() {
    QueryModel alone =
        new QueryModel(
            1,
            null,
            List.of("top_pages"),
            null,
            null,
            TimeRange.relative("last 7d"),
            "hour",
            null,
            null,
            null,
            null);
    assertThat(rows(alone).sql()).endsWith("ORDER BY \"t\" ASC LIMIT 1001");

    QueryModel split =
        new QueryModel(
            1,
            null,
            List.of("top_pages"),
            List.of(new Split("country", null, null)),
            null,
            TimeRange.relative("last 7d"),
            "hour",
            null,
            null,
            null,
            null);
    assertThatThrownBy(() -> rows(split))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("field", "measures");
  }
}
