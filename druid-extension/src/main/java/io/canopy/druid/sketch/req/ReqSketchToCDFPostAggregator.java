package io.canopy.druid.sketch.req;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import javax.annotation.Nullable;
import org.apache.datasketches.req.ReqSketch;
import org.apache.druid.query.aggregation.PostAggregator;

/**
 * {@value #TYPE_NAME}: the cumulative fraction of values at or below each split point, and 1.0
 * last; NaNs if empty.
 */
public class ReqSketchToCDFPostAggregator extends ReqSketchToDistributionPostAggregator {
  public static final String TYPE_NAME = "canopyReqCDF";
  static final byte CACHE_TYPE_ID = (byte) 0xCE;

  @JsonCreator
  public ReqSketchToCDFPostAggregator(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("field") @Nullable PostAggregator field,
      @JsonProperty("splitPoints") @Nullable double[] splitPoints) {
    super(name, field, splitPoints);
  }

  @Override
  protected Object computeNonEmpty(ReqSketch sketch) {
    return sketch.getCDF(points, SEARCH);
  }

  @Override
  protected Object empty() {
    return filled(points.length + 1, Double.NaN);
  }

  @Override
  protected byte cacheTypeId() {
    return CACHE_TYPE_ID;
  }
}
