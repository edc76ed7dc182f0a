package io.canopy.druid.sketch.items;

import io.canopy.druid.sketch.aggregation.RowFeeder;
import io.canopy.druid.sketch.aggregation.SketchInput;
import io.canopy.druid.sketch.aggregation.VectorFeeder;
import io.canopy.druid.sketch.input.ItemSink;
import io.canopy.druid.sketch.input.RawItems;
import javax.annotation.Nullable;
import org.apache.druid.segment.ColumnInspector;
import org.apache.druid.segment.ColumnSelectorFactory;
import org.apache.druid.segment.ColumnValueSelector;
import org.apache.druid.segment.column.ColumnCapabilities;
import org.apache.druid.segment.vector.VectorColumnSelectorFactory;
import org.apache.druid.segment.vector.VectorValueSelector;

/**
 * The Frequent Items build input: a raw column's items ({@link RawItems}), each counting the row's
 * weight column (a long) when there is one; null weights count nothing. Vectorizes when the weight
 * column is numeric or missing.
 */
final class WeightedItems implements SketchInput<FrequentItemsBuilder> {
  @Nullable private final String weightFieldName;

  WeightedItems(@Nullable String weightFieldName) {
    this.weightFieldName = weightFieldName;
  }

  @Override
  public RowFeeder<FrequentItemsBuilder> row(ColumnSelectorFactory columns, String fieldName) {
    RowFeeder<ItemSink> items = RawItems.INSTANCE.row(columns, fieldName);
    if (weightFieldName == null) {
      return items::feed;
    }
    ColumnValueSelector<?> weight = columns.makeColumnValueSelector(weightFieldName);
    return builder -> {
      builder.setWeight(weight.isNull() ? 0 : weight.getLong());
      items.feed(builder);
    };
  }

  @Override
  public VectorFeeder<FrequentItemsBuilder> vector(
      VectorColumnSelectorFactory columns, String fieldName) {
    VectorFeeder<ItemSink> items = RawItems.INSTANCE.vector(columns, fieldName);
    VectorValueSelector weight =
        weightFieldName == null ? null : columns.makeValueSelector(weightFieldName);
    return new VectorFeeder<>() {
      private long[] weights;
      private boolean[] nulls;

      @Override
      public void load() {
        items.load();
        if (weight != null) {
          weights = weight.getLongVector();
          nulls = weight.getNullVector();
        }
      }

      @Override
      public void feed(FrequentItemsBuilder builder, int row) {
        if (weight != null) {
          builder.setWeight(nulls != null && nulls[row] ? 0 : weights[row]);
        }
        items.feed(builder, row);
      }
    };
  }

  @Override
  public boolean raw() {
    return true;
  }

  @Override
  public boolean canVectorize(ColumnInspector columns, String fieldName) {
    if (weightFieldName == null) {
      return true;
    }
    ColumnCapabilities weight = columns.getColumnCapabilities(weightFieldName);
    return weight == null || weight.isNumeric();
  }
}
