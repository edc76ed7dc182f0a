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
}
