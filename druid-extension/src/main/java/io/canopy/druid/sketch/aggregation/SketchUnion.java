package io.canopy.druid.sketch.aggregation;

import javax.annotation.Nullable;

/** An accumulator that merges whole sketches: the merge aggregators, combining and rollup. */
public interface SketchUnion extends SketchAccumulator {
  /**
   * Merges one sketch into the union.
   *
   * @param sketch a sketch object, its serialized bytes or their Base64 text; null is ignored
   */
  void add(@Nullable Object sketch);
}
