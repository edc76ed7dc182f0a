package io.canopy.druid.sketch.items;

import io.canopy.druid.sketch.aggregation.SketchUnion;
import javax.annotation.Nullable;
import org.apache.datasketches.frequencies.ItemsSketch;

/** A union of Frequent Items sketches, at the union's own map size. Not thread-safe. */
final class FrequentItemsUnion implements SketchUnion {
  private final int maxMapSize;
  private final ItemsSketch<String> union;

  FrequentItemsUnion(int maxMapSize) {
    this.maxMapSize = maxMapSize;
    this.union = new ItemsSketch<>(maxMapSize);
  }

  @Override
  public void add(@Nullable Object sketch) {
    ItemsSketch<String> items = FrequentItemsCodec.INSTANCE.deserialize(sketch);
    if (items != null) {
      union.merge(items);
    }
  }

  @Override
  public ItemsSketch<String> snapshot() {
    return FrequentItemsCodec.copy(union, maxMapSize);
  }

  @Override
  public long heapBytes() {
    return FrequentItemsHeap.bytes(union);
  }
}
