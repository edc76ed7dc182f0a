package io.canopy.druid.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.datasketches.cpc.CpcSketch;
import org.apache.druid.java.util.common.granularity.Granularities;
import org.apache.druid.query.Result;
import org.apache.druid.query.aggregation.AggregationTestHelper;
import org.apache.druid.query.groupby.GroupByQueryConfig;
import org.apache.druid.query.groupby.GroupByQueryRunnerTest;
import org.apache.druid.query.groupby.ResultRow;
import org.apache.druid.query.timeseries.TimeseriesResultValue;
import org.apache.druid.query.topn.TopNResultValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.rules.TemporaryFolder;

/**
 * Segment-level tests the Druid way: the fixture ingested with rollup into two segments (build
 * aggregators as metrics), then queried with merge aggregators and post-aggregators through groupBy
 * (every groupBy config, vectorized and not), timeseries and topN, merging across segments.
 */
class SketchAggregationTest {
  private static final String METRICS =
      "[{\"type\":\"count\",\"name\":\"rows\"},"
          + "{\"type\":\"canopyCpcBuild\",\"name\":\"users_cpc\",\"fieldName\":\"user\"},"
          + "{\"type\":\"canopyFrequentItemsBuild\",\"name\":\"pages_fi\",\"fieldName\":\"page\"},"
          + "{\"type\":\"canopyReqBuild\",\"name\":\"latency_req\",\"fieldName\":\"latency\"}]";
  private static final String MERGE_AGGREGATORS =
      "[{\"type\":\"longSum\",\"name\":\"events\",\"fieldName\":\"rows\"},"
          + "{\"type\":\"canopyCpcMerge\",\"name\":\"users\",\"fieldName\":\"users_cpc\"},"
          + "{\"type\":\"canopyFrequentItemsMerge\",\"name\":\"pages\",\"fieldName\":\"pages_fi\",\"shouldFinalize\":false},"
          + "{\"type\":\"canopyReqMerge\",\"name\":\"latency\",\"fieldName\":\"latency_req\",\"shouldFinalize\":false}]";
  private static final String POST_AGGREGATORS =
      "[{\"type\":\"canopyCpcEstimateWithBounds\",\"name\":\"users_bounds\",\"field\":{\"type\":\"fieldAccess\",\"fieldName\":\"users\"},\"numStdDevs\":3},"
          + "{\"type\":\"canopyFrequentItemsTopK\",\"name\":\"top_pages\",\"field\":{\"type\":\"fieldAccess\",\"fieldName\":\"pages\"},\"k\":3,\"itemsOnly\":true},"
          + "{\"type\":\"canopyReqQuantile\",\"name\":\"p50\",\"field\":{\"type\":\"fieldAccess\",\"fieldName\":\"latency\"},\"fraction\":0.5},"
          + "{\"type\":\"canopyReqRank\",\"name\":\"rank100\",\"field\":{\"type\":\"fieldAccess\",\"fieldName\":\"latency\"},\"value\":100}]";

  private TemporaryFolder folder;
  private List<File> segments;

  @BeforeEach
  void createSegments() throws Exception {
    folder = new TemporaryFolder();
    folder.create();
    List<String> lines = Files.readAllLines(SketchFixture.file());
    int half = lines.size() / 2;
    File first = ingest(String.join("\n", lines.subList(0, half)));
    File second = ingest(String.join("\n", lines.subList(half, lines.size())));
    segments = List.of(first, second);
  }

  @AfterEach
  void deleteSegments() {
    folder.delete();
  }

  private File ingest(String tsv) throws Exception {
    File out = folder.newFolder();
    try (AggregationTestHelper helper =
            AggregationTestHelper.createTimeseriesQueryAggregationTestHelper(
                SketchFixture.jacksonModules(), folder);
        InputStream in = new java.io.ByteArrayInputStream(tsv.getBytes())) {
      helper.createIndex(in, SketchFixture.PARSER, METRICS, out, 0, Granularities.HOUR, 1000, true);
    }
    return out;
  }

  static Stream<Arguments> groupByConfigs() {
    return GroupByQueryRunnerTest.testConfigs().stream()
        .flatMap(config -> Stream.of(Arguments.of(config, "false"), Arguments.of(config, "force")));
  }

  @ParameterizedTest(name = "{0}, vectorize={1}")
  @MethodSource("groupByConfigs")
  void groupByMergesSketchesAcrossSegments(GroupByQueryConfig config, String vectorize)
      throws Exception {
    String query =
        "{\"queryType\":\"groupBy\",\"dataSource\":\"test\",\"granularity\":\"all\","
            + "\"dimensions\":[\"product\"],\"intervals\":[\"2026-11-01/2026-11-02\"],"
            + "\"context\":{\"vectorize\":\""
            + vectorize
            + "\"},\"aggregations\":"
            + MERGE_AGGREGATORS
            + ",\"postAggregations\":"
            + POST_AGGREGATORS
            + "}";
    List<ResultRow> rows;
    try (AggregationTestHelper helper =
        AggregationTestHelper.createGroupByQueryAggregationTestHelper(
            SketchFixture.jacksonModules(), config, folder)) {
      rows = helper.<ResultRow>runQueryOnSegments(segments, query).toList();
    }
    Map<String, Long> exactUsers = SketchFixture.distinctUsersByProduct();
    Map<String, Long> exactEvents = SketchFixture.countBy(SketchFixture.Event::product);
    assertThat(rows).hasSize(exactUsers.size());
    for (ResultRow row : rows) {
      Object[] values = row.getArray();
      String product = (String) values[0];
      assertThat(values[1]).isEqualTo(exactEvents.get(product));
      double[] bounds = (double[]) values[5];
      assertThat((double) exactUsers.get(product)).isBetween(bounds[1], bounds[2]);
      assertThat((double) values[2]).isEqualTo(bounds[0]);
      List<Object> topPages = List.copyOf((List<?>) values[6]);
      assertThat(topPages).hasSize(3).contains("/");
    }
  }

  @Test
  void timeseriesAnswersMatchExactValuesWithinBounds() throws Exception {
    String query =
        "{\"queryType\":\"timeseries\",\"dataSource\":\"test\",\"granularity\":\"all\","
            + "\"intervals\":[\"2026-11-01/2026-11-02\"],\"aggregations\":"
            + MERGE_AGGREGATORS
            + ",\"postAggregations\":"
            + POST_AGGREGATORS
            + "}";
    List<Result<TimeseriesResultValue>> results;
    try (AggregationTestHelper helper =
        AggregationTestHelper.createTimeseriesQueryAggregationTestHelper(
            SketchFixture.jacksonModules(), folder)) {
      results = helper.<Result<TimeseriesResultValue>>runQueryOnSegments(segments, query).toList();
    }
    TimeseriesResultValue value = results.get(0).getValue();
    long users = SketchFixture.events().stream().map(SketchFixture.Event::user).distinct().count();
    assertThat(value.getLongMetric("events")).isEqualTo(600L);
    double[] bounds = (double[]) value.getMetric("users_bounds");
    assertThat((double) users).isBetween(bounds[1], bounds[2]);
    Map<String, Long> pages = SketchFixture.pageCounts();
    String topPage =
        pages.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    assertThat((List<?>) value.getMetric("top_pages")).first().isEqualTo(topPage);
    assertThat(value.getDoubleMetric("rank100"))
        .isCloseTo(SketchFixture.latencyRank(100), within(0.02));
    double median = SketchFixture.latencyQuantile(0.5);
    assertThat(value.getDoubleMetric("p50")).isCloseTo(median, within(median * 0.05));
  }

  @Test
  void topNRanksProductsByCpcEstimate() throws Exception {
    String query =
        "{\"queryType\":\"topN\",\"dataSource\":\"test\",\"granularity\":\"all\","
            + "\"dimension\":\"product\",\"metric\":\"users\",\"threshold\":2,"
            + "\"intervals\":[\"2026-11-01/2026-11-02\"],\"aggregations\":["
            + "{\"type\":\"canopyCpcMerge\",\"name\":\"users\",\"fieldName\":\"users_cpc\",\"round\":true}]}";
    List<Result<TopNResultValue>> results;
    try (AggregationTestHelper helper =
        AggregationTestHelper.createTopNQueryAggregationTestHelper(
            SketchFixture.jacksonModules(), folder)) {
      results = helper.<Result<TopNResultValue>>runQueryOnSegments(segments, query).toList();
    }
    Map<String, Long> exact = SketchFixture.distinctUsersByProduct();
    List<String> expectedTop =
        exact.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .limit(2)
            .map(Map.Entry::getKey)
            .toList();
    var top = results.get(0).getValue().getValue();
    assertThat(top).extracting(row -> row.getDimensionValue("product")).isEqualTo(expectedTop);
    for (var row : top) {
      long estimate = row.getLongMetric("users");
      long truth = exact.get((String) row.getDimensionValue("product"));
      assertThat(estimate).isCloseTo(truth, within(Math.max(2L, truth / 20)));
    }
  }

  @Test
  void buildsAtQueryTimeFromRawColumns() throws Exception {
    String query =
        "{\"queryType\":\"timeseries\",\"dataSource\":\"test\",\"granularity\":\"all\","
            + "\"intervals\":[\"2026-11-01/2026-11-02\"],\"aggregations\":["
            + "{\"type\":\"canopyCpcBuild\",\"name\":\"products\",\"fieldName\":\"product\",\"shouldFinalize\":false}]}";
    List<Result<TimeseriesResultValue>> results;
    try (AggregationTestHelper helper =
        AggregationTestHelper.createTimeseriesQueryAggregationTestHelper(
            SketchFixture.jacksonModules(), folder)) {
      results = helper.<Result<TimeseriesResultValue>>runQueryOnSegments(segments, query).toList();
    }
    CpcSketch products = (CpcSketch) results.get(0).getValue().getMetric("products");
    assertThat(products.getEstimate()).isCloseTo(3.0, within(0.01));
  }
}
