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
 * Build aggregators at query time: one segment of 1M raw events (no rollup), a sketch built over
 * the user, page or duration column, vectorized or not. This is where vectorization can pay: the
 * input is a dictionary-encoded or numeric column read in batches.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = "-Xmx4g")
public class SketchRawQueryBenchmark {
  @Param({"HLL", "CPC", "FREQUENT_ITEMS", "REQ", "KLL", "QUANTILES"})
  public Contender contender;

  @Param({"false", "force"})
  public String vectorize;

  private QueryableIndex segment;
  private TimeseriesRunner runner;
  private AggregatorFactory build;

  @Setup
  public void setUp() {
    segment = BenchSegments.raw();
    runner = new TimeseriesRunner(segment);
    build = contender.build().get(0);
    System.err.printf("%s over %,d rows: %s%n", contender, segment.getNumRows(), build());
  }

  @TearDown
  public void tearDown() {
    segment.close();
  }

  @Benchmark
  public Object build() {
    return runner.run(build, vectorize);
  }
}
