package io.canopy.druid.sketch.cpc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.canopy.druid.sketch.postagg.SketchPostAggregator;
import io.canopy.druid.sketch.serde.SketchCodec;
import java.util.Comparator;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.datasketches.cpc.CpcSketch;
import org.apache.druid.error.InvalidInput;
import org.apache.druid.query.aggregation.PostAggregator;
import org.apache.druid.query.cache.CacheKeyBuilder;
import org.apache.druid.segment.ColumnInspector;
import org.apache.druid.segment.column.ColumnType;

/**
 * {@value #TYPE_NAME}: {@code [estimate, lowerBound, upperBound]} of a CPC sketch, the bounds at
 * {@code numStdDevs} standard deviations (1, 2 or 3; default 1: about 68% confidence).
 */
public class CpcSketchToEstimateWithBoundsPostAggregator extends SketchPostAggregator<CpcSketch> {
  public static final String TYPE_NAME = "canopyCpcEstimateWithBounds";
  public static final int DEFAULT_NUM_STD_DEVS = 1;
  static final byte CACHE_TYPE_ID = (byte) 0xC4;

  private final int numStdDevs;

  @JsonCreator
  public CpcSketchToEstimateWithBoundsPostAggregator(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("field") @Nullable PostAggregator field,
      @JsonProperty("numStdDevs") @Nullable Integer numStdDevs) {
    super(name, field);
    this.numStdDevs = numStdDevs == null ? DEFAULT_NUM_STD_DEVS : numStdDevs;
    if (this.numStdDevs < 1 || this.numStdDevs > 3) {
      throw InvalidInput.exception(
          "Post-aggregator [%s]: [numStdDevs] must be 1, 2 or 3, not %d", name, this.numStdDevs);
    }
  }

  @JsonProperty
  public int getNumStdDevs() {
    return numStdDevs;
  }

  @Override
  protected SketchCodec<CpcSketch> codec() {
    return CpcSketchCodec.INSTANCE;
  }

  @Override
  protected Object compute(@Nullable CpcSketch sketch) {
    if (sketch == null) {
      return new double[] {0, 0, 0};
    }
    return new double[] {
      sketch.getEstimate(), sketch.getLowerBound(numStdDevs), sketch.getUpperBound(numStdDevs)
    };
  }

  @Override
  public ColumnType getType(ColumnInspector signature) {
    return ColumnType.DOUBLE_ARRAY;
  }

  @Override
  public Comparator<Object> getComparator() {
    throw new UnsupportedOperationException("Estimates with bounds are not comparable");
  }

  @Override
  protected byte cacheTypeId() {
    return CACHE_TYPE_ID;
  }

  @Override
  protected void appendParameters(CacheKeyBuilder key) {
    key.appendInt(numStdDevs);
  }

  @Override
  protected List<Object> parameters() {
    return List.of(numStdDevs);
  }
}
