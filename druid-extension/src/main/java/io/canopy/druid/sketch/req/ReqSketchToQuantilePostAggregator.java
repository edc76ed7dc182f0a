package io.canopy.druid.sketch.req;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Comparator;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.datasketches.req.ReqSketch;
import org.apache.druid.query.aggregation.PostAggregator;
import org.apache.druid.query.cache.CacheKeyBuilder;
import org.apache.druid.segment.ColumnInspector;
import org.apache.druid.segment.column.ColumnType;

/** {@value #TYPE_NAME}: the value at rank {@code fraction} (0–1) of a REQ sketch; NaN if empty. */
public class ReqSketchToQuantilePostAggregator extends ReqSketchPostAggregator {
  public static final String TYPE_NAME = "canopyReqQuantile";
  static final byte CACHE_TYPE_ID = (byte) 0xCB;

  private final double fraction;

  @JsonCreator
  public ReqSketchToQuantilePostAggregator(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("field") @Nullable PostAggregator field,
      @JsonProperty("fraction") double fraction) {
    super(name, field);
    this.fraction = checkFraction(name, fraction);
  }

  @JsonProperty
  public double getFraction() {
    return fraction;
  }

  @Override
  protected Object computeNonEmpty(ReqSketch sketch) {
    return (double) sketch.getQuantile(fraction, SEARCH);
  }

  @Override
  protected Object empty() {
    return Double.NaN;
  }

  @Override
  public ColumnType getType(ColumnInspector signature) {
    return ColumnType.DOUBLE;
  }

  @Override
  public Comparator<Object> getComparator() {
    return doubleComparator();
  }

  @Override
  protected byte cacheTypeId() {
    return CACHE_TYPE_ID;
  }

  @Override
  protected void appendParameters(CacheKeyBuilder key) {
    key.appendDouble(fraction);
  }

  @Override
  protected List<Object> parameters() {
    return List.of(fraction);
  }
}
