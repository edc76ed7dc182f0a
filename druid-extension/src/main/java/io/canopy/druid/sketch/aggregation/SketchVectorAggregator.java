package io.canopy.druid.sketch.aggregation;

import java.nio.ByteBuffer;
import javax.annotation.Nullable;
import org.apache.druid.query.aggregation.VectorAggregator;

/**
 * The vector aggregator of every sketch family; shares {@link HeapSketchStore} with the buffer
 * path.
 */
public final class SketchVectorAggregator<A extends SketchAccumulator> implements VectorAggregator {
  private final VectorFeeder<? super A> feeder;
  private final HeapSketchStore<A> store;

  public SketchVectorAggregator(VectorFeeder<? super A> feeder, HeapSketchStore<A> store) {
    this.feeder = feeder;
    this.store = store;
  }

  @Override
  public void init(ByteBuffer buffer, int position) {
    store.init(buffer, position);
  }

  @Override
  public void aggregate(ByteBuffer buffer, int position, int startRow, int endRow) {
    feeder.load();
    A accumulator = store.get(buffer, position);
    for (int row = startRow; row < endRow; row++) {
      feeder.feed(accumulator, row);
    }
  }

  @Override
  public void aggregate(
      ByteBuffer buffer, int numRows, int[] positions, @Nullable int[] rows, int positionOffset) {
    feeder.load();
    for (int i = 0; i < numRows; i++) {
      feeder.feed(store.get(buffer, positions[i] + positionOffset), rows == null ? i : rows[i]);
    }
  }

  @Override
  public Object get(ByteBuffer buffer, int position) {
    return store.get(buffer, position).snapshot();
  }

  @Override
  public void relocate(
      int oldPosition, int newPosition, ByteBuffer oldBuffer, ByteBuffer newBuffer) {
    store.relocate(oldPosition, newPosition, oldBuffer, newBuffer);
  }

  @Override
  public void close() {
    store.clear();
  }
}
