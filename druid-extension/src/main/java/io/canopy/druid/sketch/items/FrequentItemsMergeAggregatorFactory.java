package io.canopy.druid.sketch.items;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.druid.sketch.aggregation.SketchInput;
import io.canopy.druid.sketch.aggregation.SketchUnion;
import io.canopy.druid.sketch.input.StoredSketches;
import javax.annotation.Nullable;
import org.apache.druid.query.aggregation.AggregatorFactory;

/** {@value #TYPE_NAME}: merges a column of stored Frequent Items sketches. */
public class FrequentItemsMergeAggregatorFactory
    extends FrequentItemsAggregatorFactory<FrequentItemsUnion> {
  public static final String TYPE_NAME = "canopyFrequentItemsMerge";
  static final byte CACHE_TYPE_ID = (byte) 0xC7;

  @JsonCreator
  public FrequentItemsMergeAggregatorFactory(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("fieldName") @Nullable String fieldName,
      @JsonProperty("maxMapSize") @Nullable Integer maxMapSize,
      @JsonProperty("shouldFinalize") @Nullable Boolean shouldFinalize) {
    super(name, fieldName, maxMapSize, shouldFinalize);
  }

  @Override
  protected FrequentItemsUnion newAccumulator() {
    return new FrequentItemsUnion(getMaxMapSize());
  }

  @Override
  protected SketchInput<SketchUnion> input() {
    return StoredSketches.INSTANCE;
  }

  @Override
  protected byte cacheTypeId() {
    return CACHE_TYPE_ID;
  }

  @Override
  public AggregatorFactory withName(String newName) {
    return new FrequentItemsMergeAggregatorFactory(
        newName, getFieldName(), getMaxMapSize(), isShouldFinalize());
  }
}
