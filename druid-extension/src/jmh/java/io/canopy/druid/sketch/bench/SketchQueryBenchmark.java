package io.canopy.druid.sketch.bench;

import java.util.concurrent.TimeUnit;
import org.apache.druid.query.aggregation.AggregatorFactory;
import org.apache.druid.segment.QueryableIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Query cost of one sketch over one segment, vectorized or not, as a finalized all-time timeseries:
 *
 * <ul>
 *   <li>{@code MERGE}: the dashboard case. ~1M rolled-up rows, each holding the sketch of two
 *       events, merged into one;
 *   <li>{@code BUILD}: 1M raw events (no rollup), the sketch built from the user, page or duration
 *       column. Here vectorization can pay: the input is read in batches.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = "-Xmx8g")
public class SketchQueryBenchmark {
  /** Which segment, and which of the contender's aggregators. */
  public enum Query {
    MERGE,
    BUILD
  }

  @Param({"MERGE", "BUILD"})
  public Query query;

  @Param({"HLL", "CPC", "FREQUENT_ITEMS", "REQ", "KLL", "QUANTILES"})
  public Contender contender;

  @Param({"false", "force"})
  public String vectorize;

  private QueryableIndex segment;
  private TimeseriesRunner runner;
  private AggregatorFactory aggregator;

  @Setup
  public void setUp() {
    boolean merge = query == Query.MERGE;
    segment = merge ? BenchSegments.rolledUp(contender) : BenchSegments.raw();
    aggregator = merge ? contender.merge() : contender.build().get(0);
    runner = new TimeseriesRunner(segment);
    System.err.printf("%s %s over %,d rows: %s%n", query, contender, segment.getNumRows(), query());
  }

  @TearDown
  public void tearDown() {
    segment.close();
  }

  @Benchmark
  public Object query() {
    return runner.run(aggregator, vectorize);
  }
}
