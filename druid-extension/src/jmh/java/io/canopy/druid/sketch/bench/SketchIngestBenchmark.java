package io.canopy.druid.sketch.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.druid.data.input.InputRow;
import org.apache.druid.query.aggregation.AggregatorFactory;
import org.apache.druid.segment.incremental.IncrementalIndex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Build cost during ingestion: events per second into the on-heap incremental index a Kafka
 * indexing task fills (minute rollup, two events per row), for a spec with count and a longSum
 * only ({@code NONE}) and for the same spec plus one sketch, Druid's or Canopy's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = "-Xmx4g")
public class SketchIngestBenchmark {
  private static final int EVENTS = 200_000;

  @Param({"NONE", "HLL", "CPC", "FREQUENT_ITEMS", "REQ", "KLL", "QUANTILES"})
  public Contender contender;

  private List<InputRow> events;
  private List<AggregatorFactory> metrics;

  @Setup
  public void setUp() {
    events = BenchEvents.list(EVENTS, BenchSegments.ROLLUP_DIMENSIONS);
    metrics = BenchSegments.metrics(contender);
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public int ingest() {
    try (IncrementalIndex index = BenchSegments.rollupIndex(metrics)) {
      for (InputRow event : events) {
        BenchSegments.add(index, event);
      }
      return index.numRows();
    }
  }
}
