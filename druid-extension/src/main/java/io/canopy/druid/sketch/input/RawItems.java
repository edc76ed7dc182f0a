package io.canopy.druid.sketch.input;

import io.canopy.druid.sketch.aggregation.RowFeeder;
import io.canopy.druid.sketch.aggregation.SketchInput;
import io.canopy.druid.sketch.aggregation.VectorFeeder;
import org.apache.druid.segment.ColumnProcessors;
import org.apache.druid.segment.ColumnSelectorFactory;
import org.apache.druid.segment.ColumnValueSelector;
import org.apache.druid.segment.vector.VectorColumnSelectorFactory;

/**
 * The input of the item-counting build aggregators: a raw column of any type (string, multi-value,
 * number, array) into an {@link ItemSink}.
 */
public final class RawItems implements SketchInput<ItemSink> {
  public static final RawItems INSTANCE = new RawItems();

  private RawItems() {}

  @Override
  public RowFeeder<ItemSink> row(ColumnSelectorFactory columns, String column) {
    ColumnValueSelector<?> selector = columns.makeColumnValueSelector(column);
    return sink -> sink.addValue(selector.getObject());
  }

  @Override
  public VectorFeeder<ItemSink> vector(VectorColumnSelectorFactory columns, String column) {
    return ColumnProcessors.makeVectorProcessor(column, new ItemVectorFeederFactory(), columns);
  }

  @Override
  public boolean raw() {
    return true;
  }
}
