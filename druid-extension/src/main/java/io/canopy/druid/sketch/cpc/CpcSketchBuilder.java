package io.canopy.druid.sketch.cpc;

import io.canopy.druid.sketch.aggregation.SketchAccumulator;
import io.canopy.druid.sketch.input.ItemSink;
import org.apache.datasketches.cpc.CpcSketch;

/** One group's CPC sketch under construction from raw values. Not thread-safe. */
final class CpcSketchBuilder implements ItemSink, SketchAccumulator {
  /** The builder, the DataSketches object and its fixed fields. */
  private static final long OWN_BYTES = 128;

  private final CpcSketch sketch;

  CpcSketchBuilder(int lgK) {
    this.sketch = new CpcSketch(lgK);
  }

  @Override
  public void addString(String value) {
    sketch.update(value);
  }

  @Override
  public void addLong(long value) {
    sketch.update(value);
  }

  @Override
  public void addDouble(double value) {
    sketch.update(value);
  }

  @Override
  public CpcSketch snapshot() {
    return CpcSketchCodec.copy(sketch);
  }

  /**
   * While sparse, a CPC sketch keeps its coupons in a hash table of ints, at most about 11 bytes a
   * distinct value with the table's slack; past that it keeps a window of {@code k} bytes and a
   * smaller table, under {@code 2 k} bytes together. The distinct count is the sketch's own running
   * (HIP) estimate, a field read.
   */
  @Override
  public long heapBytes() {
    long k = 1L << sketch.getLgK();
    return OWN_BYTES + Math.min(11 * (long) Math.ceil(sketch.getEstimate()), 2 * k);
  }
}
