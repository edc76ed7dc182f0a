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
}
