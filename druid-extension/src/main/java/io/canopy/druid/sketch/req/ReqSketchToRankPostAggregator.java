package io.canopy.druid.sketch.req;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import javax.annotation.Nullable;
import org.apache.datasketches.req.ReqSketch;
import org.apache.druid.query.aggregation.PostAggregator;

/** {@value #TYPE_NAME}: the fraction of values at or below {@code value}; NaN if empty. */
public class ReqSketchToRankPostAggregator extends ReqSketchToDoublePostAggregator {
  public static final String TYPE_NAME = "canopyReqRank";
  static final byte CACHE_TYPE_ID = (byte) 0xCD;

  @JsonCreator
  public ReqSketchToRankPostAggregator(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("field") @Nullable PostAggregator field,
      @JsonProperty("value") double value) {
    super(name, field, value);
  }

  @JsonProperty
  public double getValue() {
    return parameter;
  }

  @Override
  protected Object computeNonEmpty(ReqSketch sketch) {
    return sketch.getRank((float) parameter, SEARCH);
  }

  @Override
  protected byte cacheTypeId() {
    return CACHE_TYPE_ID;
  }
}
