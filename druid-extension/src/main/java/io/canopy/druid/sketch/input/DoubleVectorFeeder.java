package io.canopy.druid.sketch.input;

import io.canopy.druid.sketch.aggregation.VectorFeeder;
import java.util.function.ObjDoubleConsumer;
import org.apache.druid.segment.vector.VectorValueSelector;

/**
 * Feeds each non-null row of a numeric {@link VectorValueSelector}, as a double, to an accumulator
 * method.
 */
public final class DoubleVectorFeeder<A> implements VectorFeeder<A> {
  private final VectorValueSelector selector;
  private final ObjDoubleConsumer<? super A> add;
  private double[] values;
  private boolean[] nulls;

  private DoubleVectorFeeder(VectorValueSelector selector, ObjDoubleConsumer<? super A> add) {
    this.selector = selector;
    this.add = add;
  }

  public static <A> DoubleVectorFeeder<A> of(
      VectorValueSelector selector, ObjDoubleConsumer<? super A> add) {
    return new DoubleVectorFeeder<>(selector, add);
  }

  @Override
  public void load() {
    values = selector.getDoubleVector();
    nulls = selector.getNullVector();
  }

  @Override
  public void feed(A accumulator, int row) {
    if (nulls == null || !nulls[row]) {
      add.accept(accumulator, values[row]);
    }
  }
}
