package io.canopy.druid.sketch.items;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.druid.sketch.aggregation.SketchAccumulator;
import io.canopy.druid.sketch.aggregation.SketchAggregatorFactory;
import io.canopy.druid.sketch.aggregation.SketchUnion;
import io.canopy.druid.sketch.serde.SketchCodec;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.druid.error.InvalidInput;
import org.apache.druid.query.cache.CacheKeyBuilder;
import org.apache.druid.segment.column.ColumnType;

/**
 * The Frequent Items aggregators' common parameter: {@code maxMapSize}, a power of two from 8 to
 * 2^20 (default {@value #DEFAULT_MAX_MAP_SIZE}). The sketch tracks up to 0.75 × maxMapSize items;
 * an item's count is off by at most about 3.5 / maxMapSize of the stream's total weight. Finalized,
 * the sketch becomes its top {@value FrequentItemsToTopKPostAggregator#DEFAULT_K} rows.
 */
public abstract class FrequentItemsAggregatorFactory<A extends SketchAccumulator>
    extends SketchAggregatorFactory<ItemsSketch<String>, A> {
  public static final int DEFAULT_MAX_MAP_SIZE = 1024;
  static final int MAX_MAX_MAP_SIZE = 1 << 20;

  /**
   * Bytes per tracked item assumed by {@link #getMaxIntermediateSize()}: count (8), length (4) and
   * up to 64 bytes of UTF-8. Longer items make the heap sketch larger than Druid reserves.
   */
  static final int ASSUMED_ITEM_BYTES = 8 + 4 + 64;

  private final int maxMapSize;

  protected FrequentItemsAggregatorFactory(
      @Nullable String name,
      @Nullable String fieldName,
      @Nullable Integer maxMapSize,
      @Nullable Boolean shouldFinalize) {
    super(name, fieldName, shouldFinalize);
    this.maxMapSize = maxMapSize == null ? DEFAULT_MAX_MAP_SIZE : checkMaxMapSize(name, maxMapSize);
  }

  static int checkMaxMapSize(String name, int maxMapSize) {
    if (maxMapSize < 8 || maxMapSize > MAX_MAX_MAP_SIZE || Integer.bitCount(maxMapSize) != 1) {
      throw InvalidInput.exception(
          "Frequent Items aggregator [%s]: [maxMapSize] must be a power of two from 8 to %d, not %d",
          name, MAX_MAX_MAP_SIZE, maxMapSize);
    }
    return maxMapSize;
  }

  @JsonProperty
  @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = DefaultMaxMapSizeFilter.class)
  public int getMaxMapSize() {
    return maxMapSize;
  }

  @Override
  protected SketchCodec<ItemsSketch<String>> codec() {
    return FrequentItemsCodec.INSTANCE;
  }

  @Override
  protected SketchUnion newUnion() {
    return new FrequentItemsUnion(maxMapSize);
  }

  @Override
  protected Object finalizeSketch(ItemsSketch<String> sketch) {
    return FrequentItemsRows.topK(
        sketch, FrequentItemsToTopKPostAggregator.DEFAULT_K, ErrorType.NO_FALSE_POSITIVES);
  }

  @Override
  protected ColumnType finalizedType() {
    return ColumnType.NESTED_DATA;
  }

  @Override
  public int getMaxIntermediateSize() {
    return 64 + (maxMapSize / 4 * 3) * ASSUMED_ITEM_BYTES;
  }

  @Override
  protected void appendParameters(CacheKeyBuilder key) {
    key.appendInt(maxMapSize);
  }

  @Override
  protected List<Object> parameters() {
    return List.of(maxMapSize);
  }

  @Override
  public FrequentItemsMergeAggregatorFactory getCombiningFactory() {
    return new FrequentItemsMergeAggregatorFactory(
        getName(), getName(), maxMapSize, isShouldFinalize());
  }

  /** Leaves {@code maxMapSize} out of serialized JSON when it is the default. */
  static final class DefaultMaxMapSizeFilter {
    @Override
    public boolean equals(Object value) {
      return value instanceof Integer && (Integer) value == DEFAULT_MAX_MAP_SIZE;
    }

    @Override
    public int hashCode() {
      return DEFAULT_MAX_MAP_SIZE;
    }
  }
}
