package io.canopy.druid.sketch.bench;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.druid.collections.StupidPool;
import org.apache.druid.java.util.common.Intervals;
import org.apache.druid.java.util.common.granularity.Granularities;
import org.apache.druid.query.Druids;
import org.apache.druid.query.QueryContexts;
import org.apache.druid.query.QueryPlus;
import org.apache.druid.query.QueryRunner;
import org.apache.druid.query.QueryRunnerTestHelper;
import org.apache.druid.query.Result;
import org.apache.druid.query.aggregation.AggregatorFactory;
import org.apache.druid.query.timeseries.TimeseriesQuery;
import org.apache.druid.query.timeseries.TimeseriesQueryEngine;
import org.apache.druid.query.timeseries.TimeseriesQueryQueryToolChest;
import org.apache.druid.query.timeseries.TimeseriesQueryRunnerFactory;
import org.apache.druid.query.timeseries.TimeseriesResultValue;
import org.apache.druid.segment.QueryableIndex;
import org.apache.druid.segment.QueryableIndexSegment;
import org.apache.druid.timeline.SegmentId;

/**
 * Runs one all-time timeseries query with one aggregator over one segment, through the query
 * runner a historical uses for a segment (cursor, aggregation, finalization), vectorized or not.
 */
final class TimeseriesRunner {
  private static final SegmentId SEGMENT = SegmentId.dummy("bench");

  private final QueryRunner<Result<TimeseriesResultValue>> runner;

  TimeseriesRunner(QueryableIndex index) {
    TimeseriesQueryEngine engine =
        new TimeseriesQueryEngine(
            new StupidPool<>("sketch-bench", () -> ByteBuffer.allocate(1 << 20)));
    TimeseriesQueryRunnerFactory factory =
        new TimeseriesQueryRunnerFactory(
            new TimeseriesQueryQueryToolChest(), engine, QueryRunnerTestHelper.NOOP_QUERYWATCHER);
    runner =
        QueryRunnerTestHelper.makeQueryRunner(
            factory, SEGMENT, new QueryableIndexSegment(index, SEGMENT), "bench");
  }

  /**
   * The aggregator's finalized value over the whole segment. {@code vectorize} is Druid's context
   * value: {@code "false"} or {@code "force"} (which fails rather than fall back).
   */
  Object run(AggregatorFactory aggregator, String vectorize) {
    TimeseriesQuery query =
        Druids.newTimeseriesQueryBuilder()
            .dataSource("bench")
            .intervals(List.of(Intervals.ETERNITY))
            .granularity(Granularities.ALL)
            .aggregators(aggregator)
            .context(Map.of(QueryContexts.VECTORIZE_KEY, vectorize))
            .build();
    List<Result<TimeseriesResultValue>> results = runner.run(QueryPlus.wrap(query)).toList();
    Object value = results.get(0).getValue().getMetric(aggregator.getName());
    if (value == null) {
      throw new IllegalStateException(aggregator.getName() + " returned null: nothing aggregated");
    }
    return value;
  }
}
