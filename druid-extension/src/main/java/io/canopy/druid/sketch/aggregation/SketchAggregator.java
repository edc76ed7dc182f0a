package io.canopy.druid.sketch.aggregation;

import org.apache.druid.query.aggregation.Aggregator;

/**
 * The heap aggregator of every sketch family: one accumulator, fed by a {@link RowFeeder}.
 *
 * <p>{@link #aggregate} and {@link #get} are {@code synchronized}: during real-time ingestion the
 * incremental index aggregates rows on the indexing thread while queries read the same aggregator
 * from query threads.
 */
public final class SketchAggregator<A extends SketchAccumulator> implements Aggregator {
  private final RowFeeder<? super A> feeder;
  private final A accumulator;

  public SketchAggregator(RowFeeder<? super A> feeder, A accumulator) {
    this.feeder = feeder;
    this.accumulator = accumulator;
  }

  @Override
  public synchronized void aggregate() {
    feeder.feed(accumulator);
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
