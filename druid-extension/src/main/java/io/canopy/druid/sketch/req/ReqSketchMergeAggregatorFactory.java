package io.canopy.druid.sketch.req;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.druid.sketch.aggregation.SketchInput;
import io.canopy.druid.sketch.aggregation.SketchUnion;
import io.canopy.druid.sketch.input.StoredSketches;
import javax.annotation.Nullable;
import org.apache.druid.query.aggregation.AggregatorFactory;

/** {@value #TYPE_NAME}: merges a column of stored REQ sketches. */
public class ReqSketchMergeAggregatorFactory extends ReqSketchAggregatorFactory<ReqSketchUnion> {
  public static final String TYPE_NAME = "canopyReqMerge";
  static final byte CACHE_TYPE_ID = (byte) 0xCA;

  @JsonCreator
  public ReqSketchMergeAggregatorFactory(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("fieldName") @Nullable String fieldName,
      @JsonProperty("k") @Nullable Integer k,
      @JsonProperty("highRankAccuracy") @Nullable Boolean highRankAccuracy,
      @JsonProperty("shouldFinalize") @Nullable Boolean shouldFinalize) {
    super(name, fieldName, k, highRankAccuracy, shouldFinalize);
  }

  @Override
  protected ReqSketchUnion newAccumulator() {
    return new ReqSketchUnion(getK(), isHighRankAccuracy());
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
    return new ReqSketchMergeAggregatorFactory(
        newName, getFieldName(), getK(), isHighRankAccuracy(), isShouldFinalize());
  }
}
