package io.canopy.druid.sketch.aggregation;

/**
 * The mutable state of one aggregation group: a sketch being built or a union being merged. Not
 * thread-safe; the aggregators that own one serialize access to it.
 */
public interface SketchAccumulator {
  /**
   * Returns the sketch accumulated so far as an object independent of this accumulator, so later
   * updates never show through a result that was already handed out.
   */
  Object snapshot();

  /**
   * An estimate of the heap this accumulator holds now, its own object included: never below what
   * the sketch needs, and cheap enough to ask after every row. Druid's on-heap incremental index
   * adds these up to decide when real-time ingestion persists ({@code maxBytesInMemory}), so an
   * estimate far above the truth makes it persist tiny indexes, and one far below risks the heap.
   */
  long heapBytes();
}
