package io.canopy.druid.sketch.req;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import javax.annotation.Nullable;
import org.apache.datasketches.req.ReqSketch;
import org.apache.druid.query.aggregation.PostAggregator;

/** {@value #TYPE_NAME}: the value at rank {@code fraction} (0–1) of a REQ sketch; NaN if empty. */
public class ReqSketchToQuantilePostAggregator extends ReqSketchToDoublePostAggregator {
  public static final String TYPE_NAME = "canopyReqQuantile";
  static final byte CACHE_TYPE_ID = (byte) 0xCB;

  @JsonCreator
  public ReqSketchToQuantilePostAggregator(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("field") @Nullable PostAggregator field,
      @JsonProperty("fraction") double fraction) {
    super(name, field, checkFraction(name, fraction));
  }

  @JsonProperty
  public double getFraction() {
    return parameter;
  }

  @Override
  protected Object computeNonEmpty(ReqSketch sketch) {
    return (double) sketch.getQuantile(parameter, SEARCH);
  }

  @Override
  protected byte cacheTypeId() {
    return CACHE_TYPE_ID;
  }
}
