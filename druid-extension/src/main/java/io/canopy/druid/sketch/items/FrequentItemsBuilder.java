package io.canopy.druid.sketch.items;

import io.canopy.druid.sketch.aggregation.SketchAccumulator;
import io.canopy.druid.sketch.input.ItemSink;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * One group's Frequent Items sketch under construction. Each item counts with the current row's
 * weight (1 unless a weight column is set); rows whose weight is null, zero or negative count for
 * nothing. Numbers are counted by their decimal text. Not thread-safe.
 */
final class FrequentItemsBuilder implements ItemSink, SketchAccumulator {
  private final int maxMapSize;
  private final ItemsSketch<String> sketch;
  private long weight = 1;

  FrequentItemsBuilder(int maxMapSize) {
    this.maxMapSize = maxMapSize;
    this.sketch = new ItemsSketch<>(maxMapSize);
  }

  /** Sets the weight of the items of the row about to be fed. */
  void setWeight(long weight) {
    this.weight = weight;
  }

  @Override
  public void addString(String value) {
    if (weight > 0) {
      sketch.update(value, weight);
    }
  }

  @Override
  public void addLong(long value) {
    addString(Long.toString(value));
  }

  @Override
  public void addDouble(double value) {
    addString(Double.toString(value));
  }

  @Override
  public ItemsSketch<String> snapshot() {
    return FrequentItemsCodec.copy(sketch, maxMapSize);
  }

  @Override
  public long heapBytes() {
    return FrequentItemsHeap.bytes(sketch);
  }
}
