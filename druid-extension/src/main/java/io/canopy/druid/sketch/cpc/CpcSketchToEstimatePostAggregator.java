package io.canopy.druid.sketch.cpc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.druid.sketch.postagg.SketchPostAggregator;
import io.canopy.druid.sketch.serde.SketchCodec;
import java.util.Comparator;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.datasketches.cpc.CpcSketch;
import org.apache.druid.query.aggregation.PostAggregator;
import org.apache.druid.query.cache.CacheKeyBuilder;
import org.apache.druid.segment.ColumnInspector;
import org.apache.druid.segment.column.ColumnType;

/** {@value #TYPE_NAME}: the distinct-count estimate of a CPC sketch; 0 when there is no sketch. */
public class CpcSketchToEstimatePostAggregator extends SketchPostAggregator<CpcSketch> {
  public static final String TYPE_NAME = "canopyCpcEstimate";
  static final byte CACHE_TYPE_ID = (byte) 0xC3;

  private final boolean round;

  @JsonCreator
  public CpcSketchToEstimatePostAggregator(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("field") @Nullable PostAggregator field,
      @JsonProperty("round") @Nullable Boolean round) {
    super(name, field);
    this.round = round != null && round;
  }

  @JsonProperty
  @JsonInclude(JsonInclude.Include.NON_DEFAULT)
  public boolean isRound() {
    return round;
  }

  @Override
  protected SketchCodec<CpcSketch> codec() {
    return CpcSketchCodec.INSTANCE;
  }

  @Override
  protected Object compute(@Nullable CpcSketch sketch) {
    double estimate = sketch == null ? 0 : sketch.getEstimate();
    return round ? (Object) Math.round(estimate) : (Object) estimate;
  }

  @Override
  public ColumnType getType(ColumnInspector signature) {
    return round ? ColumnType.LONG : ColumnType.DOUBLE;
  }

  @Override
  public Comparator<Object> getComparator() {
    return Comparator.nullsFirst(
        Comparator.comparingDouble(value -> ((Number) value).doubleValue()));
  }

  @Override
  protected byte cacheTypeId() {
    return CACHE_TYPE_ID;
  }

  @Override
  protected void appendParameters(CacheKeyBuilder key) {
    key.appendBoolean(round);
  }

  @Override
  protected List<Object> parameters() {
    return List.of(round);
  }
}
