package io.canopy.druid.sketch.aggregation;

import org.apache.druid.query.aggregation.Aggregator;

/**
 * The heap aggregator of every sketch family: one accumulator, fed by a {@link RowFeeder}.
 *
 * <p>{@link #aggregate} and {@link #get} are {@code synchronized}: during real-time ingestion the
 * incremental index aggregates rows on the indexing thread while queries read the same aggregator
 * from query threads.
 *
 * <p>{@link #aggregateWithSize} tells the incremental index how much the accumulator grew, from
 * {@link SketchAccumulator#heapBytes}, so a row's memory is charged as its sketches fill rather
 * than at each sketch's largest size up front. The charge only rises: heap buffers do not shrink
 * when a sketch compacts.
 */
public final class SketchAggregator<A extends SketchAccumulator> implements Aggregator {
  /** This object, its feeder and the index's reference to it. */
  static final long OWN_BYTES = 64;

  private final RowFeeder<? super A> feeder;
  private final A accumulator;
  private long chargedBytes;

  public SketchAggregator(RowFeeder<? super A> feeder, A accumulator) {
    this.feeder = feeder;
    this.accumulator = accumulator;
    this.chargedBytes = accumulator.heapBytes();
  }

  /** The heap charged so far for this aggregator: its own bytes and its accumulator's. */
  public synchronized long chargedBytes() {
    return OWN_BYTES + chargedBytes;
  }

  @Override
  public synchronized void aggregate() {
    feeder.feed(accumulator);
  }

  @Override
  public synchronized long aggregateWithSize() {
    feeder.feed(accumulator);
    long now = accumulator.heapBytes();
    if (now <= chargedBytes) {
      return 0;
    }
    long grown = now - chargedBytes;
    chargedBytes = now;
    return grown;
  }

  @Override
  public synchronized Object get() {
    return accumulator.snapshot();
  }

  @Override
  public float getFloat() {
    throw new UnsupportedOperationException("A sketch has no float value");
  }

  @Override
  public long getLong() {
    throw new UnsupportedOperationException("A sketch has no long value");
  }

  @Override
  public void close() {
    // Nothing off-heap to release.
  }
}
