package io.canopy.druid.sketch.items;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.druid.sketch.postagg.SketchPostAggregator;
import io.canopy.druid.sketch.serde.SketchCodec;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.druid.error.InvalidInput;
import org.apache.druid.query.aggregation.PostAggregator;
import org.apache.druid.query.cache.CacheKeyBuilder;
import org.apache.druid.segment.ColumnInspector;
import org.apache.druid.segment.column.ColumnType;

/**
 * {@value #TYPE_NAME}: the top {@code k} items of a Frequent Items sketch (default {@value
 * #DEFAULT_K}, at most {@value #MAX_K}), highest estimate first. {@code errorType} is {@code
 * NO_FALSE_POSITIVES} (default) or {@code NO_FALSE_NEGATIVES}. With {@code itemsOnly} the result is
 * an array of the items; otherwise a list of {@code {item, estimate, lowerBound, upperBound}}.
 */
public class FrequentItemsToTopKPostAggregator extends SketchPostAggregator<ItemsSketch<String>> {
  public static final String TYPE_NAME = "canopyFrequentItemsTopK";
  public static final int DEFAULT_K = 10;
  static final int MAX_K = 10_000;
  static final byte CACHE_TYPE_ID = (byte) 0xC8;

  private final int k;
  private final ErrorType errorType;
  private final boolean itemsOnly;

  @JsonCreator
  public FrequentItemsToTopKPostAggregator(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("field") @Nullable PostAggregator field,
      @JsonProperty("k") @Nullable Integer k,
      @JsonProperty("errorType") @Nullable String errorType,
      @JsonProperty("itemsOnly") @Nullable Boolean itemsOnly) {
    super(name, field);
    this.k = k == null ? DEFAULT_K : k;
    if (this.k < 1 || this.k > MAX_K) {
      throw InvalidInput.exception(
          "Post-aggregator [%s]: [k] must be from 1 to %d, not %d", name, MAX_K, this.k);
    }
    this.errorType = parseErrorType(name, errorType);
    this.itemsOnly = itemsOnly != null && itemsOnly;
  }

  static ErrorType parseErrorType(String name, @Nullable String errorType) {
    if (errorType == null) {
      return ErrorType.NO_FALSE_POSITIVES;
    }
    try {
      return ErrorType.valueOf(errorType.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInput.exception(
          "Post-aggregator [%s]: [errorType] must be NO_FALSE_POSITIVES or NO_FALSE_NEGATIVES, not [%s]",
          name, errorType);
    }
  }

  @JsonProperty
  public int getK() {
    return k;
  }

  @JsonProperty
  public String getErrorType() {
    return errorType.name();
  }

  @JsonProperty
  @JsonInclude(JsonInclude.Include.NON_DEFAULT)
  public boolean isItemsOnly() {
    return itemsOnly;
  }

  @Override
  protected SketchCodec<ItemsSketch<String>> codec() {
    return FrequentItemsCodec.INSTANCE;
  }

  @Override
  protected Object compute(@Nullable ItemsSketch<String> sketch) {
    if (sketch == null) {
      return List.of();
    }
    return itemsOnly
        ? FrequentItemsRows.topKItems(sketch, k, errorType)
        : FrequentItemsRows.topK(sketch, k, errorType);
  }

  @Override
  public ColumnType getType(ColumnInspector signature) {
    return itemsOnly ? ColumnType.STRING_ARRAY : ColumnType.NESTED_DATA;
  }

  @Override
  public Comparator<Object> getComparator() {
    throw new UnsupportedOperationException("Top-K lists are not comparable");
  }

  @Override
  protected byte cacheTypeId() {
    return CACHE_TYPE_ID;
  }

  @Override
  protected void appendParameters(CacheKeyBuilder key) {
    key.appendInt(k).appendString(errorType.name()).appendBoolean(itemsOnly);
  }

  @Override
  protected List<Object> parameters() {
    return List.of(k, errorType, itemsOnly);
  }
}
