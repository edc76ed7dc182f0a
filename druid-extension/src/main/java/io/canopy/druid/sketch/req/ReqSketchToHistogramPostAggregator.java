package io.canopy.druid.sketch.req;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import javax.annotation.Nullable;
import org.apache.datasketches.req.ReqSketch;
import org.apache.druid.query.aggregation.PostAggregator;

/**
 * {@value #TYPE_NAME}: the estimated number of values in each bin: at or below the first split
 * point, between consecutive ones (upper bound inclusive), and above the last. Zeros if empty.
 */
public class ReqSketchToHistogramPostAggregator extends ReqSketchToDistributionPostAggregator {
  public static final String TYPE_NAME = "canopyReqHistogram";
  static final byte CACHE_TYPE_ID = (byte) 0xCF;

  @JsonCreator
  public ReqSketchToHistogramPostAggregator(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("field") @Nullable PostAggregator field,
      @JsonProperty("splitPoints") @Nullable double[] splitPoints) {
    super(name, field, splitPoints);
  }

  @Override
  protected Object computeNonEmpty(ReqSketch sketch) {
    double[] counts = sketch.getPMF(points, SEARCH);
    for (int i = 0; i < counts.length; i++) {
      counts[i] *= sketch.getN();
    }
    return counts;
  }

  @Override
  protected Object empty() {
    return filled(points.length + 1, 0);
  }

  @Override
  protected byte cacheTypeId() {
    return CACHE_TYPE_ID;
  }
}
