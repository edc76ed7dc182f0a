package io.canopy.druid.sketch.req;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.druid.query.aggregation.PostAggregator;
import org.apache.druid.query.cache.CacheKeyBuilder;
import org.apache.druid.segment.ColumnInspector;
import org.apache.druid.segment.column.ColumnType;

/**
 * The distribution post-aggregators (CDF, histogram): both take strictly increasing {@code
 * splitPoints} and return one value per bin, {@code splitPoints.length + 1} in all.
 */
abstract class ReqSketchToDistributionPostAggregator extends ReqSketchPostAggregator {
  private final double[] splitPoints;
  protected final float[] points;

  ReqSketchToDistributionPostAggregator(
      @Nullable String name, @Nullable PostAggregator field, @Nullable double[] splitPoints) {
    super(name, field);
    this.points = checkSplitPoints(name, splitPoints);
    this.splitPoints = splitPoints.clone();
  }

  @JsonProperty
  public double[] getSplitPoints() {
    return splitPoints.clone();
  }

  @Override
  public ColumnType getType(ColumnInspector signature) {
    return ColumnType.DOUBLE_ARRAY;
  }

  @Override
  public Comparator<Object> getComparator() {
    throw new UnsupportedOperationException("Distributions are not comparable");
  }

  @Override
  protected void appendParameters(CacheKeyBuilder key) {
    key.appendDoubleArray(splitPoints);
  }

  @Override
  protected List<Object> parameters() {
    return List.of(Arrays.toString(splitPoints));
  }
}
