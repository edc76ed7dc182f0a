package io.canopy.druid.sketch.input;

import io.canopy.druid.sketch.aggregation.RowFeeder;
import io.canopy.druid.sketch.aggregation.SketchInput;
import io.canopy.druid.sketch.aggregation.SketchUnion;
import io.canopy.druid.sketch.aggregation.VectorFeeder;
import org.apache.druid.segment.ColumnSelectorFactory;
import org.apache.druid.segment.ColumnValueSelector;
import org.apache.druid.segment.vector.VectorColumnSelectorFactory;

/** The input of every merge aggregator: a column of stored sketches, into a {@link SketchUnion}. */
public final class StoredSketches implements SketchInput<SketchUnion> {
  public static final StoredSketches INSTANCE = new StoredSketches();

  private StoredSketches() {}

  @Override
  public RowFeeder<SketchUnion> row(ColumnSelectorFactory columns, String column) {
    ColumnValueSelector<?> selector = columns.makeColumnValueSelector(column);
    return union -> union.add(selector.getObject());
  }

  @Override
  public VectorFeeder<SketchUnion> vector(VectorColumnSelectorFactory columns, String column) {
    return ObjectVectorFeeder.of(columns.makeObjectSelector(column), SketchUnion::add);
  }

  @Override
  public boolean raw() {
    return false;
  }
}
