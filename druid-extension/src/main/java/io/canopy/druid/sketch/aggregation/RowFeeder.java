package io.canopy.druid.sketch.aggregation;

/**
 * Reads the current row from selectors bound to a cursor and feeds it into an accumulator. Made
 * once per aggregator; holds the selectors, so it knows which row is current.
 */
@FunctionalInterface
public interface RowFeeder<A> {
  void feed(A accumulator);
}
