package io.canopy.druid.sketch.aggregation;

/**
 * The vectorized counterpart of {@link RowFeeder}: {@link #load()} reads the current vector from
 * its selectors once, then {@link #feed} feeds single rows of it into accumulators.
 */
public interface VectorFeeder<A> {
  /** Reads the selectors' current vector; call once per {@code aggregate} call. */
  void load();

  /** Feeds row {@code row} of the loaded vector into {@code accumulator}. */
  void feed(A accumulator, int row);
}
