package io.canopy.druid.sketch.req;

import java.util.Comparator;
import java.util.List;
import javax.annotation.Nullable;
import org.apache.druid.query.aggregation.PostAggregator;
import org.apache.druid.query.cache.CacheKeyBuilder;
import org.apache.druid.segment.ColumnInspector;
import org.apache.druid.segment.column.ColumnType;

/**
 * The single-number post-aggregators (quantile, rank): one double parameter in, one double out, NaN
 * for an empty sketch. Subclasses name the parameter in JSON and compute the number.
 */
abstract class ReqSketchToDoublePostAggregator extends ReqSketchPostAggregator {
  protected final double parameter;

  ReqSketchToDoublePostAggregator(
      @Nullable String name, @Nullable PostAggregator field, double parameter) {
    super(name, field);
    this.parameter = parameter;
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
  protected void appendParameters(CacheKeyBuilder key) {
    key.appendDouble(parameter);
  }

  @Override
  protected List<Object> parameters() {
    return List.of(parameter);
  }
}
