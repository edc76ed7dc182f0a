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
 * Dashboard query cost over rolled-up data: one segment of ~1M pre-aggregated rows, each holding a
 * sketch of two events, merged into one sketch and finalized, vectorized or not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = "-Xmx8g")
public class SketchMergeQueryBenchmark {
  @Param({"HLL", "CPC", "FREQUENT_ITEMS", "REQ", "KLL", "QUANTILES"})
  public Contender contender;

  @Param({"false", "force"})
  public String vectorize;

  private QueryableIndex segment;
  private TimeseriesRunner runner;
  private AggregatorFactory merge;

  @Setup
  public void setUp() {
    segment = BenchSegments.rolledUp(contender);
    runner = new TimeseriesRunner(segment);
    merge = contender.merge();
    System.err.printf("%s over %,d rows: %s%n", contender, segment.getNumRows(), merge());
  }

  @TearDown
  public void tearDown() {
    segment.close();
  }

  @Benchmark
  public Object merge() {
    return runner.run(merge, vectorize);
  }
}
