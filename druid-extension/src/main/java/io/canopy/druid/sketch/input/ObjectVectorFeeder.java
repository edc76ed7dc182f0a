package io.canopy.druid.sketch.input;

import io.canopy.druid.sketch.aggregation.VectorFeeder;
import java.util.function.BiConsumer;
import org.apache.druid.segment.vector.VectorObjectSelector;

/** Feeds each row's object from a {@link VectorObjectSelector} to an accumulator method. */
public final class ObjectVectorFeeder<A> implements VectorFeeder<A> {
  private final VectorObjectSelector selector;
  private final BiConsumer<? super A, Object> add;
  private Object[] values;

  private ObjectVectorFeeder(VectorObjectSelector selector, BiConsumer<? super A, Object> add) {
    this.selector = selector;
    this.add = add;
  }

  public static <A> ObjectVectorFeeder<A> of(
      VectorObjectSelector selector, BiConsumer<? super A, Object> add) {
    return new ObjectVectorFeeder<>(selector, add);
  }

  @Override
  public void load() {
    values = selector.getObjectVector();
  }

  @Override
  public void feed(A accumulator, int row) {
    add.accept(accumulator, values[row]);
  }
}
