package io.canopy.druid.sketch.aggregation;

import java.nio.ByteBuffer;
import org.apache.druid.query.aggregation.BufferAggregator;
import org.apache.druid.query.monomorphicprocessing.RuntimeShapeInspector;

/**
 * The buffer aggregator of every sketch family; its accumulators live in a {@link HeapSketchStore}.
 */
public final class SketchBufferAggregator<A extends SketchAccumulator> implements BufferAggregator {
  private final RowFeeder<? super A> feeder;
  private final HeapSketchStore<A> store;

  public SketchBufferAggregator(RowFeeder<? super A> feeder, HeapSketchStore<A> store) {
    this.feeder = feeder;
    this.store = store;
  }

  @Override
  public void init(ByteBuffer buffer, int position) {
    store.init(buffer, position);
  }

  @Override
  public void aggregate(ByteBuffer buffer, int position) {
    feeder.feed(store.get(buffer, position));
  }

  @Override
  public Object get(ByteBuffer buffer, int position) {
    return store.get(buffer, position).snapshot();
  }

  @Override
  public float getFloat(ByteBuffer buffer, int position) {
    throw new UnsupportedOperationException("A sketch has no float value");
  }

  @Override
  public long getLong(ByteBuffer buffer, int position) {
    throw new UnsupportedOperationException("A sketch has no long value");
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

  @Override
  public void inspectRuntimeShape(RuntimeShapeInspector inspector) {
    inspector.visit("feeder", feeder);
  }
}
