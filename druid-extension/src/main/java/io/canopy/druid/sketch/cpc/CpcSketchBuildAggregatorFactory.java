package io.canopy.druid.sketch.cpc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.druid.sketch.aggregation.SketchInput;
import io.canopy.druid.sketch.input.ItemSink;
import io.canopy.druid.sketch.input.RawItems;
import javax.annotation.Nullable;
import org.apache.druid.query.aggregation.AggregatorFactory;

/**
 * {@value #TYPE_NAME}: builds a CPC sketch of the distinct values of a raw column (strings,
 * multi-value strings, numbers, arrays). Nulls and empty strings are not counted.
 */
public class CpcSketchBuildAggregatorFactory extends CpcSketchAggregatorFactory<CpcSketchBuilder> {
  public static final String TYPE_NAME = "canopyCpcBuild";
  static final byte CACHE_TYPE_ID = (byte) 0xC1;

  @JsonCreator
  public CpcSketchBuildAggregatorFactory(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("fieldName") @Nullable String fieldName,
      @JsonProperty("lgK") @Nullable Integer lgK,
      @JsonProperty("shouldFinalize") @Nullable Boolean shouldFinalize,
      @JsonProperty("round") @Nullable Boolean round) {
    super(name, fieldName, lgK, shouldFinalize, round);
  }

  @Override
  protected CpcSketchBuilder newAccumulator() {
    return new CpcSketchBuilder(getLgK());
  }

  @Override
  protected SketchInput<ItemSink> input() {
    return RawItems.INSTANCE;
  }

  @Override
  protected byte cacheTypeId() {
    return CACHE_TYPE_ID;
  }

  @Override
  public AggregatorFactory withName(String newName) {
    return new CpcSketchBuildAggregatorFactory(
        newName, getFieldName(), getLgK(), isShouldFinalize(), isRound());
  }
}
