package io.canopy.druid.sketch.input;

import io.canopy.druid.sketch.aggregation.RowFeeder;
import io.canopy.druid.sketch.aggregation.SketchUnion;
import io.canopy.druid.sketch.aggregation.VectorFeeder;
import org.apache.druid.segment.ColumnSelectorFactory;
import org.apache.druid.segment.ColumnValueSelector;
import org.apache.druid.segment.vector.VectorColumnSelectorFactory;

/**
 * Feeders that read a column of stored sketches into a {@link SketchUnion}: the merge aggregators.
 */
public final class UnionFeeders {
  private UnionFeeders() {}

  public static RowFeeder<SketchUnion> row(ColumnSelectorFactory columns, String column) {
    ColumnValueSelector<?> selector = columns.makeColumnValueSelector(column);
    return union -> union.add(selector.getObject());
  }

  public static VectorFeeder<SketchUnion> vector(
      VectorColumnSelectorFactory columns, String column) {
    return ObjectVectorFeeder.of(columns.makeObjectSelector(column), SketchUnion::add);
  }
}
