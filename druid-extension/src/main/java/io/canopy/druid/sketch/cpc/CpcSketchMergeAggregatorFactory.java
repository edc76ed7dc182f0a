package io.canopy.druid.sketch.cpc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.druid.sketch.aggregation.SketchInput;
import io.canopy.druid.sketch.aggregation.SketchUnion;
import io.canopy.druid.sketch.input.StoredSketches;
import javax.annotation.Nullable;
import org.apache.druid.query.aggregation.AggregatorFactory;

/**
 * {@value #TYPE_NAME}: merges a column of stored CPC sketches (a {@code canopyCpcBuild} metric, or
 * Base64 sketches at ingestion).
 */
public class CpcSketchMergeAggregatorFactory extends CpcSketchAggregatorFactory<CpcSketchUnion> {
  public static final String TYPE_NAME = "canopyCpcMerge";
  static final byte CACHE_TYPE_ID = (byte) 0xC2;

  @JsonCreator
  public CpcSketchMergeAggregatorFactory(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("fieldName") @Nullable String fieldName,
      @JsonProperty("lgK") @Nullable Integer lgK,
      @JsonProperty("shouldFinalize") @Nullable Boolean shouldFinalize,
      @JsonProperty("round") @Nullable Boolean round) {
    super(name, fieldName, lgK, shouldFinalize, round);
  }

  @Override
  protected CpcSketchUnion newAccumulator() {
    return new CpcSketchUnion(getLgK());
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
    return new CpcSketchMergeAggregatorFactory(
        newName, getFieldName(), getLgK(), isShouldFinalize(), isRound());
  }
}
