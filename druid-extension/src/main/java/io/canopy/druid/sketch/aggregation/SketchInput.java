package io.canopy.druid.sketch.aggregation;

import org.apache.druid.segment.ColumnInspector;
import org.apache.druid.segment.ColumnSelectorFactory;
import org.apache.druid.segment.vector.VectorColumnSelectorFactory;

/**
 * How an aggregator reads its column into its accumulator, row by row and in vectors: raw values
 * into a sketch being built, or stored sketches into a union. Stateless beyond its configuration;
 * thread-safe.
 *
 * @param <A> what the feeders feed
 */
public interface SketchInput<A> {
  RowFeeder<A> row(ColumnSelectorFactory columns, String fieldName);

  VectorFeeder<A> vector(VectorColumnSelectorFactory columns, String fieldName);

  /** True for raw values (build aggregators); false for stored sketches (merge aggregators). */
  boolean raw();

  /** Whether the vector path can read these columns; true unless the input type matters. */
  default boolean canVectorize(ColumnInspector columns, String fieldName) {
    return true;
  }
}
