package io.canopy.druid.sketch.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.druid.data.input.InputRow;
import org.apache.druid.data.input.impl.DimensionSchema;
import org.apache.druid.data.input.impl.DimensionsSpec;
import org.apache.druid.data.input.impl.LongDimensionSchema;
import org.apache.druid.data.input.impl.StringDimensionSchema;
import org.apache.druid.java.util.common.FileUtils;
import org.apache.druid.java.util.common.granularity.Granularities;
import org.apache.druid.query.aggregation.AggregatorFactory;
import org.apache.druid.query.aggregation.CountAggregatorFactory;
import org.apache.druid.query.aggregation.LongSumAggregatorFactory;
import org.apache.druid.segment.IndexSpec;
import org.apache.druid.segment.QueryableIndex;
import org.apache.druid.segment.TestHelper;
import org.apache.druid.segment.incremental.IncrementalIndex;
import org.apache.druid.segment.incremental.IncrementalIndexSchema;
import org.apache.druid.segment.incremental.IndexSizeExceededException;
import org.apache.druid.segment.incremental.OnheapIncrementalIndex;
import org.apache.druid.segment.writeout.OffHeapMemorySegmentWriteOutMediumFactory;

/**
 * Segments for the benchmarks, built from {@link BenchEvents} the way a Kafka indexing task builds
 * them (an on-heap incremental index, minute rollup, then persisted and memory-mapped), and kept
 * under {@code target/jmh-segments/} so the trials of one run (and later runs) build each segment
 * once. {@code mvn clean} removes them.
 */
public final class BenchSegments {
  /** Events in the rolled-up segment: 2M events, two per row, give the ~1M pre-aggregated rows. */
  public static final int ROLLED_UP_EVENTS = 2_000_000;
  /** Rows in the raw segment (no rollup, one row per event). */
  public static final int RAW_EVENTS = 1_000_000;

  private static final Path ROOT =
      Paths.get(System.getProperty("canopy.bench.segments", "target/jmh-segments"));

  private BenchSegments() {}

  /**
   * The ingestion spec's metrics: count and a longSum of the duration, plus the contender's build
   * aggregator (none for {@link Contender#NONE}).
   */
  public static List<AggregatorFactory> metrics(Contender contender) {
    List<AggregatorFactory> metrics = new ArrayList<>();
    metrics.add(new CountAggregatorFactory("count"));
    metrics.add(new LongSumAggregatorFactory("duration_sum", BenchEvents.DURATION));
    metrics.addAll(contender.build());
    return metrics;
  }

  /** The one dimension of the rolled-up index. */
  public static final List<String> ROLLUP_DIMENSIONS = List.of(BenchEvents.SLOT);

  private static final List<String> RAW_DIMENSIONS =
      List.of(BenchEvents.SLOT, BenchEvents.USER, BenchEvents.PAGE, BenchEvents.DURATION);

  /** An empty on-heap index with minute rollup over the {@code slot} dimension. */
  public static IncrementalIndex rollupIndex(List<AggregatorFactory> metrics) {
    return index(true, List.of(new StringDimensionSchema(BenchEvents.SLOT)), metrics);
  }

  /** ~1M rows, each the rollup of two events, with the contender's sketch column. */
  public static QueryableIndex rolledUp(Contender contender) {
    return cached(
        "rollup-" + contender.name().toLowerCase() + "-" + ROLLED_UP_EVENTS,
        ROLLED_UP_EVENTS,
        ROLLUP_DIMENSIONS,
        rollupIndex(metrics(contender)));
  }

  /** One row per event, with user, page and duration as columns to aggregate at query time. */
  public static QueryableIndex raw() {
    List<DimensionSchema> dimensions =
        List.of(
            new StringDimensionSchema(BenchEvents.SLOT),
            new StringDimensionSchema(BenchEvents.USER),
            new StringDimensionSchema(BenchEvents.PAGE),
            new LongDimensionSchema(BenchEvents.DURATION));
    return cached(
        "raw-" + RAW_EVENTS, RAW_EVENTS, RAW_DIMENSIONS, index(false, dimensions, List.of()));
  }

  private static IncrementalIndex index(
      boolean rollup, List<DimensionSchema> dimensions, List<AggregatorFactory> metrics) {
    IncrementalIndexSchema schema =
        new IncrementalIndexSchema.Builder()
            .withQueryGranularity(Granularities.MINUTE)
            .withDimensionsSpec(DimensionsSpec.builder().setDimensions(dimensions).build())
            .withMetrics(metrics.toArray(new AggregatorFactory[0]))
            .withRollup(rollup)
            .build();
    // As a real-time task runs it: sizes estimated per aggregator, no row or byte cap here.
    return new OnheapIncrementalIndex.Builder()
        .setIndexSchema(schema)
        .setMaxRowCount(Integer.MAX_VALUE)
        .setMaxBytesInMemory(Long.MAX_VALUE)
        .setUseMaxMemoryEstimates(false)
        .build();
  }

  private static QueryableIndex cached(
      String name, int events, List<String> dimensions, IncrementalIndex empty) {
    Path dir = ROOT.resolve(name);
    try {
      if (Files.isDirectory(dir)) {
        System.err.printf("reusing segment %s%n", dir);
        empty.close();
      } else {
        build(dir, events, dimensions, empty);
      }
      return TestHelper.getTestIndexIO(Contender.MAPPER).loadIndex(dir.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void build(Path dir, int events, List<String> dimensions, IncrementalIndex index)
      throws IOException {
    System.err.printf("building segment %s from %,d events%n", dir, events);
    try (index) {
      BenchEvents.forEach(events, dimensions, row -> add(index, row));
      Path partial = Files.createDirectories(ROOT).resolve(dir.getFileName() + ".partial");
      FileUtils.deleteDirectory(partial.toFile());
      File written =
          TestHelper.getTestIndexMergerV9(
                  Contender.MAPPER, OffHeapMemorySegmentWriteOutMediumFactory.instance())
              .persist(index, partial.toFile(), IndexSpec.DEFAULT, null);
      // Published only when complete, so an interrupted run never leaves a half segment behind.
      Files.move(written.toPath(), dir, StandardCopyOption.ATOMIC_MOVE);
      System.err.printf("  %,d rows%n", index.numRows());
    }
  }

  /** Adds one row, as a task does; the index has no size cap, so it cannot refuse. */
  public static void add(IncrementalIndex index, InputRow row) {
    try {
      index.add(row);
    } catch (IndexSizeExceededException e) {
      throw new IllegalStateException(e);
    }
  }
}
