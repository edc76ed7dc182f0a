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

/** {@value #TYPE_NAME}: the fraction of values at or below {@code value}; NaN if empty. */
public class ReqSketchToRankPostAggregator extends ReqSketchPostAggregator {
  public static final String TYPE_NAME = "canopyReqRank";
  static final byte CACHE_TYPE_ID = (byte) 0xCD;

  private final double value;

  @JsonCreator
  public ReqSketchToRankPostAggregator(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("field") @Nullable PostAggregator field,
      @JsonProperty("value") double value) {
    super(name, field);
    this.value = value;
  }

  @JsonProperty
  public double getValue() {
    return value;
  }

  @Override
  protected Object computeNonEmpty(ReqSketch sketch) {
    return sketch.getRank((float) value, SEARCH);
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
    key.appendDouble(value);
  }

  @Override
  protected List<Object> parameters() {
    return List.of(value);
  }
}
