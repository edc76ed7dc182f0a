package io.canopy.druid.sketch.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.druid.sketch.SketchFixture;
import io.canopy.druid.sketch.cpc.CpcSketchBuildAggregatorFactory;
import io.canopy.druid.sketch.items.FrequentItemsBuildAggregatorFactory;
import io.canopy.druid.sketch.req.ReqSketchBuildAggregatorFactory;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.cpc.CpcSketch;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.req.ReqSketch;
import org.apache.druid.data.input.MapBasedInputRow;
import org.apache.druid.data.input.impl.DimensionsSpec;
import org.apache.druid.java.util.common.granularity.Granularities;
import org.apache.druid.query.aggregation.AggregatorFactory;
import org.apache.druid.segment.incremental.IncrementalIndex;
import org.apache.druid.segment.incremental.IncrementalIndexSchema;
import org.apache.druid.segment.incremental.OnheapIncrementalIndex;
import org.junit.jupiter.api.Test;

/**
 * What real-time ingestion charges for Canopy's sketches, read from Druid's own on-heap incremental
 * index: a row starts at its sketches' actual size, far below their largest, and grows as they
 * fill, never below what the sketches need to serialize.
 */
class SketchHeapChargeTest {
  private static final long T0 = 1_764_547_200_000L; // 2025-12-01T00:00Z
  private static final List<AggregatorFactory> SKETCHES =
      List.of(
          new CpcSketchBuildAggregatorFactory("users_cpc", "user_id", null, null, null),
          new FrequentItemsBuildAggregatorFactory("pages_fi", "page", null, 256, null),
          new ReqSketchBuildAggregatorFactory("duration_ms_req", "duration_ms", null, null, null));

  @Test
  void aRowOfOneEventIsChargedItsSketchesActualSizeNotTheirLargest() throws Exception {
    IncrementalIndex sketches = index(SKETCHES.toArray(AggregatorFactory[]::new));
    IncrementalIndex none = index();
    int rows = 10_000;
    for (int i = 0; i < rows; i++) {
      MapBasedInputRow row = event(List.of("page"), i, "p" + i, i);
      sketches.add(row);
      none.add(row);
    }
    long perRow = (sketches.getBytesInMemory().get() - none.getBytesInMemory().get()) / (long) rows;
    long largest = SKETCHES.stream().mapToLong(AggregatorFactory::getMaxIntermediateSize).sum();

    assertThat(sketches.numRows()).isEqualTo(rows);
    assertThat(largest).isGreaterThan(40_000);
    assertThat(perRow).isBetween(500L, 3_000L);
  }

  @Test
  void aRowThatRollsUpManyEventsIsChargedAtLeastWhatItsSketchesSerializeTo() throws Exception {
    IncrementalIndex index = index(SKETCHES.toArray(AggregatorFactory[]::new));
    CpcSketch cpc = new CpcSketch(11);
    ItemsSketch<String> items = new ItemsSketch<>(256);
    ReqSketch req = ReqSketch.builder().setK(12).setHighRankAccuracy(true).build();
    long before = 0;
    for (int i = 0; i < 200_000; i++) {
      String page = "/page/" + (i % 5_000);
      index.add(event(List.of("tenant"), i, page, i % 9_973));
      cpc.update("u" + i);
      items.update(page);
      req.update(i % 9_973);
      if (i == 0) {
        before = index.getBytesInMemory().get();
      }
    }
    long serialized =
        cpc.toByteArray().length
            + items.toByteArray(new ArrayOfStringsSerDe()).length
            + req.toByteArray().length;

    assertThat(index.numRows()).isEqualTo(1);
    assertThat(index.getBytesInMemory().get() - before).isPositive();
    assertThat(index.getBytesInMemory().get()).isGreaterThanOrEqualTo(serialized);
  }

  /** One event of user {@code i}, all in the same minute, of one tenant. */
  private static MapBasedInputRow event(
      List<String> dimensions, int i, String page, double durationMs) {
    return new MapBasedInputRow(
        T0 + (i % 60_000),
        dimensions,
        Map.of("tenant", "acme", "page", page, "user_id", "u" + i, "duration_ms", durationMs));
  }

  private static IncrementalIndex index(AggregatorFactory... metrics) {
    SketchFixture.jacksonModules(); // registers the sketches' complex column types
    return new OnheapIncrementalIndex.Builder()
        .setIndexSchema(
            new IncrementalIndexSchema.Builder()
                .withMinTimestamp(T0)
                .withQueryGranularity(Granularities.MINUTE)
                .withDimensionsSpec(DimensionsSpec.builder().build())
                .withMetrics(metrics)
                .withRollup(true)
                .build())
        .setMaxRowCount(1_000_000)
        .setMaxBytesInMemory(Long.MAX_VALUE)
        .build();
  }
}
