package io.canopy.druid.sketch.items;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.druid.sketch.aggregation.RowFeeder;
import io.canopy.druid.sketch.aggregation.VectorFeeder;
import io.canopy.druid.sketch.input.ItemFeeders;
import io.canopy.druid.sketch.input.ItemSink;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.druid.query.aggregation.AggregatorFactory;
import org.apache.druid.query.cache.CacheKeyBuilder;
import org.apache.druid.segment.ColumnInspector;
import org.apache.druid.segment.ColumnSelectorFactory;
import org.apache.druid.segment.ColumnValueSelector;
import org.apache.druid.segment.column.ColumnCapabilities;
import org.apache.druid.segment.vector.VectorColumnSelectorFactory;
import org.apache.druid.segment.vector.VectorValueSelector;

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
  protected RowFeeder<FrequentItemsBuilder> rowFeeder(ColumnSelectorFactory columns) {
    RowFeeder<ItemSink> items = ItemFeeders.row(columns, getFieldName());
    if (weightFieldName == null) {
      return items::feed;
    }
    ColumnValueSelector<?> weight = columns.makeColumnValueSelector(weightFieldName);
    return builder -> {
      builder.setWeight(weight.isNull() ? 0 : weight.getLong());
      items.feed(builder);
    };
  }

  @Override
  protected VectorFeeder<FrequentItemsBuilder> vectorFeeder(VectorColumnSelectorFactory columns) {
    VectorFeeder<ItemSink> items = ItemFeeders.vector(columns, getFieldName());
    VectorValueSelector weight =
        weightFieldName == null ? null : columns.makeValueSelector(weightFieldName);
    return new VectorFeeder<>() {
      private long[] weights;
      private boolean[] nulls;

      @Override
      public void load() {
        items.load();
        if (weight != null) {
          weights = weight.getLongVector();
          nulls = weight.getNullVector();
        }
      }

      @Override
      public void feed(FrequentItemsBuilder builder, int row) {
        if (weight != null) {
          builder.setWeight(nulls != null && nulls[row] ? 0 : weights[row]);
        }
        items.feed(builder, row);
      }
    };
  }

  @Override
  public boolean canVectorize(ColumnInspector columns) {
    if (weightFieldName == null) {
      return true;
    }
    ColumnCapabilities weight = columns.getColumnCapabilities(weightFieldName);
    return weight == null || weight.isNumeric();
  }

  @Override
  public boolean readsRawInput() {
    return true;
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
