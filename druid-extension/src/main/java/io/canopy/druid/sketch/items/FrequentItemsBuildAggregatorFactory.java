package io.canopy.druid.sketch.items;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.druid.sketch.aggregation.SketchInput;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.druid.query.aggregation.AggregatorFactory;
import org.apache.druid.query.cache.CacheKeyBuilder;

/**
 * {@value #TYPE_NAME}: builds a Frequent Items sketch of the values of a raw column (strings,
 * multi-value strings; numbers by their text). With {@code weightFieldName}, each row's items count
 * that column's value (a long) instead of 1; null, zero and negative weights count nothing.
 */
public class FrequentItemsBuildAggregatorFactory
    extends FrequentItemsAggregatorFactory<FrequentItemsBuilder> {
  public static final String TYPE_NAME = "canopyFrequentItemsBuild";
  static final byte CACHE_TYPE_ID = (byte) 0xC6;

  @Nullable private final String weightFieldName;

  @JsonCreator
  public FrequentItemsBuildAggregatorFactory(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("fieldName") @Nullable String fieldName,
      @JsonProperty("weightFieldName") @Nullable String weightFieldName,
      @JsonProperty("maxMapSize") @Nullable Integer maxMapSize,
      @JsonProperty("shouldFinalize") @Nullable Boolean shouldFinalize) {
    super(name, fieldName, maxMapSize, shouldFinalize);
    this.weightFieldName =
        weightFieldName == null || weightFieldName.isEmpty() ? null : weightFieldName;
  }

  @Nullable
  @JsonProperty
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public String getWeightFieldName() {
    return weightFieldName;
  }

  @Override
  protected FrequentItemsBuilder newAccumulator() {
    return new FrequentItemsBuilder(getMaxMapSize());
  }

  @Override
  protected SketchInput<FrequentItemsBuilder> input() {
    return new WeightedItems(weightFieldName);
  }

  @Override
  public List<String> requiredFields() {
    return weightFieldName == null
        ? List.of(getFieldName())
        : List.of(getFieldName(), weightFieldName);
  }

  @Override
  protected byte cacheTypeId() {
    return CACHE_TYPE_ID;
  }

  @Override
  protected void appendParameters(CacheKeyBuilder key) {
    super.appendParameters(key);
    key.appendString(Objects.toString(weightFieldName, ""));
  }

  @Override
  protected List<Object> parameters() {
    return List.of(getMaxMapSize(), Objects.toString(weightFieldName, ""));
  }

  @Override
  public AggregatorFactory withName(String newName) {
    return new FrequentItemsBuildAggregatorFactory(
        newName, getFieldName(), weightFieldName, getMaxMapSize(), isShouldFinalize());
  }
}
