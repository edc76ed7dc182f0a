package io.canopy.druid.sketch.req;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.datasketches.req.ReqSketch;
import org.apache.druid.error.InvalidInput;
import org.apache.druid.query.aggregation.PostAggregator;
import org.apache.druid.query.cache.CacheKeyBuilder;
import org.apache.druid.segment.ColumnInspector;
import org.apache.druid.segment.column.ColumnType;

/** {@value #TYPE_NAME}: the values at several ranks {@code fractions} of a REQ sketch. */
public class ReqSketchToQuantilesPostAggregator extends ReqSketchPostAggregator {
  public static final String TYPE_NAME = "canopyReqQuantiles";
  static final byte CACHE_TYPE_ID = (byte) 0xCC;

  private final double[] fractions;

  @JsonCreator
  public ReqSketchToQuantilesPostAggregator(
      @JsonProperty("name") @Nullable String name,
      @JsonProperty("field") @Nullable PostAggregator field,
      @JsonProperty("fractions") @Nullable double[] fractions) {
    super(name, field);
    if (fractions == null || fractions.length == 0) {
      throw InvalidInput.exception("Post-aggregator [%s] needs [fractions]", name);
    }
    for (double fraction : fractions) {
      checkFraction(name, fraction);
    }
    this.fractions = fractions.clone();
  }

  @JsonProperty
  public double[] getFractions() {
    return fractions.clone();
  }

  @Override
  protected Object computeNonEmpty(ReqSketch sketch) {
    double[] quantiles = new double[fractions.length];
    for (int i = 0; i < fractions.length; i++) {
      quantiles[i] = sketch.getQuantile(fractions[i], SEARCH);
    }
    return quantiles;
  }

  @Override
  protected Object empty() {
    return filled(fractions.length, Double.NaN);
  }

  @Override
  public ColumnType getType(ColumnInspector signature) {
    return ColumnType.DOUBLE_ARRAY;
  }

  @Override
  public Comparator<Object> getComparator() {
    throw new UnsupportedOperationException("Arrays of quantiles are not comparable");
  }

  @Override
  protected byte cacheTypeId() {
    return CACHE_TYPE_ID;
  }

  @Override
  protected void appendParameters(CacheKeyBuilder key) {
    key.appendDoubleArray(fractions);
  }

  @Override
  protected List<Object> parameters() {
    return List.of(Arrays.toString(fractions));
  }
}
