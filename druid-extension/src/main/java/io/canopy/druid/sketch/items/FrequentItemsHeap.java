package io.canopy.druid.sketch.items;

import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * An estimate of a Frequent Items sketch's heap: its hash map (a key reference, a count and a state
 * per slot, with slots a third more than the map's capacity) and one string per tracked item,
 * assumed to be of {@link FrequentItemsAggregatorFactory#ASSUMED_ITEM_BYTES} characters. Items are
 * usually the row's own dimension strings, so this counts them a second time.
 */
final class FrequentItemsHeap {
  private static final long SKETCH_BYTES = 96;
  private static final long SLOT_BYTES = 8 + 8 + 2;
  private static final long STRING_OVERHEAD_BYTES = 40;

  private FrequentItemsHeap() {}

  static long bytes(ItemsSketch<String> sketch) {
    long slots = sketch.getCurrentMapCapacity() * 4L / 3;
    long items = sketch.getNumActiveItems();
    return SKETCH_BYTES
        + slots * SLOT_BYTES
        + items * (STRING_OVERHEAD_BYTES + FrequentItemsAggregatorFactory.ASSUMED_ITEM_BYTES);
  }
}
