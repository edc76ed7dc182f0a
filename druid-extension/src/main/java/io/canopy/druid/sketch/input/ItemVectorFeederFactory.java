package io.canopy.druid.sketch.input;

import io.canopy.druid.sketch.aggregation.VectorFeeder;
import org.apache.druid.segment.VectorColumnProcessorFactory;
import org.apache.druid.segment.column.ColumnCapabilities;
import org.apache.druid.segment.data.IndexedInts;
import org.apache.druid.segment.vector.MultiValueDimensionVectorSelector;
import org.apache.druid.segment.vector.SingleValueDimensionVectorSelector;
import org.apache.druid.segment.vector.VectorObjectSelector;
import org.apache.druid.segment.vector.VectorValueSelector;

/**
 * One vector feeder per column kind, each reading its selector's vector in the cheapest way:
 * dictionary ids for string columns, primitive arrays for numbers.
 */
final class ItemVectorFeederFactory
    implements VectorColumnProcessorFactory<VectorFeeder<ItemSink>> {

  @Override
  public VectorFeeder<ItemSink> makeSingleValueDimensionProcessor(
      ColumnCapabilities capabilities, SingleValueDimensionVectorSelector selector) {
    return new VectorFeeder<>() {
      private int[] ids;

      @Override
      public void load() {
        ids = selector.getRowVector();
      }

      @Override
      public void feed(ItemSink sink, int row) {
        sink.addValue(selector.lookupName(ids[row]));
      }
    };
  }

  @Override
  public VectorFeeder<ItemSink> makeMultiValueDimensionProcessor(
      ColumnCapabilities capabilities, MultiValueDimensionVectorSelector selector) {
    return new VectorFeeder<>() {
      private IndexedInts[] rows;

      @Override
      public void load() {
        rows = selector.getRowVector();
      }

      @Override
      public void feed(ItemSink sink, int row) {
        IndexedInts ids = rows[row];
        for (int i = 0, n = ids.size(); i < n; i++) {
          sink.addValue(selector.lookupName(ids.get(i)));
        }
      }
    };
  }

  @Override
  public VectorFeeder<ItemSink> makeLongProcessor(
      ColumnCapabilities capabilities, VectorValueSelector selector) {
    return new VectorFeeder<>() {
      private long[] values;
      private boolean[] nulls;

      @Override
      public void load() {
        values = selector.getLongVector();
        nulls = selector.getNullVector();
      }

      @Override
      public void feed(ItemSink sink, int row) {
        if (nulls == null || !nulls[row]) {
          sink.addLong(values[row]);
        }
      }
    };
  }

  @Override
  public VectorFeeder<ItemSink> makeDoubleProcessor(
      ColumnCapabilities capabilities, VectorValueSelector selector) {
    return DoubleVectorFeeder.of(selector, ItemSink::addDouble);
  }

  @Override
  public VectorFeeder<ItemSink> makeFloatProcessor(
      ColumnCapabilities capabilities, VectorValueSelector selector) {
    return makeDoubleProcessor(capabilities, selector);
  }

  @Override
  public VectorFeeder<ItemSink> makeArrayProcessor(
      ColumnCapabilities capabilities, VectorObjectSelector selector) {
    return makeObjectProcessor(capabilities, selector);
  }

  @Override
  public VectorFeeder<ItemSink> makeObjectProcessor(
      ColumnCapabilities capabilities, VectorObjectSelector selector) {
    return ObjectVectorFeeder.of(selector, ItemSink::addValue);
  }
}
