package io.canopy.druid.sketch;

import com.google.inject.Module;
import io.canopy.druid.sketch.cpc.CpcSketchBuildAggregatorFactory;
import io.canopy.druid.sketch.cpc.CpcSketchMergeAggregatorFactory;
import io.canopy.druid.sketch.cpc.CpcSketchModule;
import io.canopy.druid.sketch.cpc.CpcSketchToEstimatePostAggregator;
import io.canopy.druid.sketch.items.FrequentItemsBuildAggregatorFactory;
import io.canopy.druid.sketch.items.FrequentItemsModule;
import io.canopy.druid.sketch.items.FrequentItemsToTopKPostAggregator;
import io.canopy.druid.sketch.req.ReqSketchBuildAggregatorFactory;
import io.canopy.druid.sketch.req.ReqSketchMergeAggregatorFactory;
import io.canopy.druid.sketch.req.ReqSketchModule;
import io.canopy.druid.sketch.req.ReqSketchToQuantilePostAggregator;
import io.canopy.druid.sketch.req.ReqSketchToRankPostAggregator;
import java.util.List;
import org.apache.druid.initialization.DruidModule;
import org.apache.druid.java.util.common.granularity.Granularities;
import org.apache.druid.query.Druids;
import org.apache.druid.query.aggregation.AggregatorFactory;
import org.apache.druid.query.aggregation.CountAggregatorFactory;
import org.apache.druid.query.aggregation.DoubleSumAggregatorFactory;
import org.apache.druid.query.aggregation.post.FieldAccessPostAggregator;
import org.apache.druid.query.spec.MultipleIntervalSegmentSpec;
import org.apache.druid.segment.IndexBuilder;
import org.apache.druid.segment.QueryableIndex;
import org.apache.druid.segment.incremental.IncrementalIndexSchema;
import org.apache.druid.segment.writeout.OffHeapMemorySegmentWriteOutMediumFactory;
import org.apache.druid.server.SpecificSegmentsQuerySegmentWalker;
import org.apache.druid.sql.calcite.BaseCalciteQueryTest;
import org.apache.druid.sql.calcite.SqlTestFrameworkConfig;
import org.apache.druid.sql.calcite.TempDirProducer;
import org.apache.druid.sql.calcite.filtration.Filtration;
import org.apache.druid.sql.calcite.util.DruidModuleCollection;
import org.apache.druid.sql.calcite.util.SqlTestFramework;
import org.apache.druid.sql.calcite.util.TestDataBuilder;
import org.apache.druid.timeline.DataSegment;
import org.apache.druid.timeline.partition.LinearShardSpec;
import org.junit.jupiter.api.Test;

/**
 * The sketch SQL functions on Druid's own SQL test harness: each query's native plan and rows.
 * Table {@code foo} is Druid's standard six-row test data plus a CPC sketch of {@code dim1} and a
 * REQ sketch of {@code m1} (values 1 to 6) as rolled-up metrics.
 */
@SqlTestFrameworkConfig.ComponentSupplier(SketchSqlTest.SketchComponentSupplier.class)
class SketchSqlTest extends BaseCalciteQueryTest {

  /** Druid's standard SQL test setup with the three sketch modules and their metrics. */
  public static class SketchComponentSupplier extends SqlTestFramework.StandardComponentSupplier {
    public SketchComponentSupplier(TempDirProducer tempFolderProducer) {
      super(tempFolderProducer);
    }

    @Override
    public DruidModule getCoreModule() {
      return DruidModuleCollection.of(
          new Module[] {
            super.getCoreModule(),
            new CpcSketchModule(),
            new FrequentItemsModule(),
            new ReqSketchModule()
          });
    }

    @Override
    public SpecificSegmentsQuerySegmentWalker addSegmentsToWalker(
        SpecificSegmentsQuerySegmentWalker walker) {
      SketchFixture.jacksonModules();
      QueryableIndex index =
          IndexBuilder.create()
              .tmpDir(tempDirProducer.newTempFolder())
              .segmentWriteOutMediumFactory(OffHeapMemorySegmentWriteOutMediumFactory.instance())
              .schema(
                  new IncrementalIndexSchema.Builder()
                      .withMetrics(
                          new CountAggregatorFactory("cnt"),
                          new DoubleSumAggregatorFactory("m1", "m1"),
                          new CpcSketchBuildAggregatorFactory(
                              "cpc_dim1", "dim1", null, false, null),
                          new ReqSketchBuildAggregatorFactory("req_m1", "m1", null, null, false))
                      .withRollup(false)
                      .build())
              .rows(TestDataBuilder.ROWS1_WITH_NUMERIC_DIMS)
              .buildMMappedIndex();
      return walker.add(
          DataSegment.builder()
              .dataSource("foo")
              .interval(index.getDataInterval())
              .version("1")
              .shardSpec(new LinearShardSpec(0))
              .size(0)
              .build(),
          index);
    }
  }

  private static Druids.TimeseriesQueryBuilder timeseries(AggregatorFactory... aggregators) {
    return Druids.newTimeseriesQueryBuilder()
        .dataSource("foo")
        .intervals(new MultipleIntervalSegmentSpec(List.of(Filtration.eternity())))
        .granularity(Granularities.ALL)
        .aggregators(aggregators)
        .context(QUERY_CONTEXT_DEFAULT);
  }

  @Test
  void cpcCountsDistinctRawValuesAndStoredSketches() {
    testQuery(
        "SELECT APPROX_COUNT_DISTINCT_CPC(dim2), APPROX_COUNT_DISTINCT_CPC(cpc_dim1, 10),"
            + " CPC_SKETCH_ESTIMATE(CPC_SKETCH(dim1), TRUE) FROM druid.foo",
        List.of(
            timeseries(
                    new CpcSketchBuildAggregatorFactory("a0", "dim2", 11, true, true),
                    new CpcSketchMergeAggregatorFactory("a1", "cpc_dim1", 10, true, true),
                    new CpcSketchBuildAggregatorFactory("a2", "dim1", 11, false, false))
                .postAggregators(
                    new CpcSketchToEstimatePostAggregator(
                        "p1", new FieldAccessPostAggregator("p0", "a2"), true))
                .build()),
        List.<Object[]>of(new Object[] {2L, 5L, 5.0}));
  }

  @Test
  void reqAnswersQuantilesAndRanks() {
    testQuery(
        "SELECT APPROX_QUANTILE_REQ(m1, 0.5), REQ_SKETCH_QUANTILE(REQ_SKETCH(m1), 0.99),"
            + " REQ_SKETCH_RANK(REQ_SKETCH(req_m1), 3) FROM druid.foo",
        List.of(
            timeseries(
                    new ReqSketchBuildAggregatorFactory("a0:agg", "m1", 12, null, false),
                    new ReqSketchBuildAggregatorFactory("a1", "m1", 12, null, false),
                    new ReqSketchMergeAggregatorFactory("a2", "req_m1", 12, null, false))
                .postAggregators(
                    new ReqSketchToQuantilePostAggregator(
                        "a0", new FieldAccessPostAggregator(null, "a0:agg"), 0.5),
                    new ReqSketchToQuantilePostAggregator(
                        "p1", new FieldAccessPostAggregator("p0", "a1"), 0.99),
                    new ReqSketchToRankPostAggregator(
                        "p3", new FieldAccessPostAggregator("p2", "a2"), 3))
                .build()),
        List.<Object[]>of(new Object[] {3.0, 6.0, 0.5}));
  }

  @Test
  void frequentItemsListsTheTopItems() {
    testQuery(
        "SELECT FREQUENT_ITEMS_TOP_K_ITEMS(FREQUENT_ITEMS_SKETCH(dim2, 64), 2) FROM druid.foo",
        List.of(
            timeseries(new FrequentItemsBuildAggregatorFactory("a0", "dim2", null, 64, false))
                .postAggregators(
                    new FrequentItemsToTopKPostAggregator(
                        "p1", new FieldAccessPostAggregator("p0", "a0"), 2, null, true))
                .build()),
        List.<Object[]>of(new Object[] {"[\"a\",\"abc\"]"}));
  }

  /** Runs {@code sql} and checks its rows; the plan is not pinned (the tests above pin plans). */
  private void rows(String sql, List<Object[]> expected) {
    testBuilder().sql(sql).expectedResults(expected).run();
  }

  /**
   * As {@link #rows}, for a query Druid cannot vectorize for a reason of its own (named at each
   * use): the harness then checks both that forcing vectorization fails and the rows without it.
   */
  private void rowsNotVectorized(String sql, List<Object[]> expected) {
    testBuilder().sql(sql).cannotVectorize().expectedResults(expected).run();
  }

  @Test
  void aggregatorsGroupAndTakeAFilter() {
    // 2000: dim1 "", "10.1", "2" (m1 1-3); 2001: "1", "def", "abc" (m1 4-6). "" is no value.
    // Druid does not vectorize a group-by on EXTRACT; the sketch aggregators themselves do.
    rowsNotVectorized(
        "SELECT EXTRACT(YEAR FROM __time), APPROX_COUNT_DISTINCT_CPC(dim1),"
            + " APPROX_COUNT_DISTINCT_CPC(dim1) FILTER (WHERE m1 <> 2),"
            + " APPROX_COUNT_DISTINCT_CPC(cpc_dim1), APPROX_QUANTILE_REQ(m1, 1.0) FILTER (WHERE m1 < 6)"
            + " FROM druid.foo GROUP BY 1 ORDER BY 1",
        List.of(new Object[] {2000L, 2L, 1L, 2L, 3.0}, new Object[] {2001L, 3L, 3L, 3L, 5.0}));
  }

  @Test
  void aggregatorsReadExpressions() {
    // m1 * 10 is 10 to 60; the numeric expression vectorizes.
    rows(
        "SELECT APPROX_QUANTILE_REQ(m1 * 10, 0.5), APPROX_COUNT_DISTINCT_CPC(m1 * 10),"
            + " APPROX_COUNT_DISTINCT_CPC(FLOOR(m1 / 2)) FROM druid.foo",
        // floor(m1 / 2): 0, 1, 1, 2, 2, 3
        List.<Object[]>of(new Object[] {30.0, 6L, 4L}));
    // Druid's UPPER and SUBSTRING have no vector form.
    rowsNotVectorized(
        "SELECT APPROX_COUNT_DISTINCT_CPC(UPPER(dim1)),"
            + " APPROX_COUNT_DISTINCT_CPC(SUBSTRING(dim1, 1, 1)) FROM druid.foo",
        // first letters: "1" (10.1 and 1), "2", "d", "a"
        List.<Object[]>of(new Object[] {5L, 4L}));
  }

  @Test
  void noRowsGiveTheEmptyAnswers() {
    rows(
        "SELECT APPROX_COUNT_DISTINCT_CPC(dim1), CPC_SKETCH_ESTIMATE(CPC_SKETCH(dim1)),"
            + " REQ_SKETCH_QUANTILE(REQ_SKETCH(m1), 0.5), REQ_SKETCH_HISTOGRAM(REQ_SKETCH(m1), 3),"
            + " FREQUENT_ITEMS_TOP_K_ITEMS(FREQUENT_ITEMS_SKETCH(dim2), 2)"
            + " FROM druid.foo WHERE dim1 = 'no such value'",
        List.<Object[]>of(new Object[] {0L, 0.0, Double.NaN, "[0.0,0.0]", "[]"}));
  }

  @Test
  void cpcGivesErrorBoundsAndUnions() {
    // m1 < 4: "", "10.1", "2"; m1 >= 3: "2", "1", "def", "abc": five values in all, one shared.
    rows(
        "SELECT CPC_SKETCH_ESTIMATE_WITH_ERROR_BOUNDS(CPC_SKETCH(dim1), 1),"
            + " CPC_SKETCH_ESTIMATE(CPC_SKETCH_UNION("
            + "CPC_SKETCH(dim1) FILTER (WHERE m1 < 4), CPC_SKETCH(dim1) FILTER (WHERE m1 >= 3)),"
            + " TRUE)"
            + " FROM druid.foo",
        // CPC is deterministic for fixed input: estimate 5.0012 and, at one standard deviation,
        // bounds [5, 6] that hold the true 5. The union's estimate, 5.0016, rounds to 5.
        List.<Object[]>of(new Object[] {"[5.0011906262444015,5.0,6.0]", 5.0}));
  }

  @Test
  void reqGivesTheCdfAndTheHistogram() {
    // m1 is 1 to 6: two values at or below 2, two in (2, 4], two above 4.
    rows(
        "SELECT REQ_SKETCH_CDF(REQ_SKETCH(m1), 2, 4), REQ_SKETCH_HISTOGRAM(REQ_SKETCH(req_m1), 2, 4)"
            + " FROM druid.foo",
        List.<Object[]>of(
            new Object[] {"[0.3333333333333333,0.6666666666666666,1.0]", "[2.0,2.0,2.0]"}));
  }

  @Test
  void estimatesWorkRowByRowInExpressionsAndFilters() {
    // Each row's stored sketches hold that row's dim1 and m1; "" is no value, so its estimate is 0.
    rows(
        "SELECT dim1, CPC_SKETCH_ESTIMATE(cpc_dim1), REQ_SKETCH_QUANTILE(req_m1, 0.5) * 2"
            + " FROM druid.foo WHERE CPC_SKETCH_ESTIMATE(cpc_dim1) > 0 AND m1 > 4",
        List.of(new Object[] {"def", 1.0, 10.0}, new Object[] {"abc", 1.0, 12.0}));
    // The sketch expressions have no vector form (nor has Druid's hll_sketch_estimate), so an
    // aggregation filtered on one runs row by row.
    rowsNotVectorized(
        "SELECT COUNT(*) FROM druid.foo WHERE CPC_SKETCH_ESTIMATE(cpc_dim1) = 0",
        List.<Object[]>of(new Object[] {1L}));
  }
}
