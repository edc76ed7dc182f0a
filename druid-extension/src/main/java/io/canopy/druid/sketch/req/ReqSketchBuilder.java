package io.canopy.druid.sketch.req;

import io.canopy.druid.sketch.aggregation.SketchAccumulator;
import org.apache.datasketches.req.ReqSketch;

/** One group's REQ sketch under construction from numbers. Not thread-safe. */
final class ReqSketchBuilder implements SketchAccumulator {
  private final ReqSketch sketch;

  ReqSketchBuilder(int k, boolean highRankAccuracy) {
    this.sketch = ReqSketch.builder().setK(k).setHighRankAccuracy(highRankAccuracy).build();
  }

  /** Adds a value; NaN is skipped (REQ ignores it too, but says so only here). */
  void add(double value) {
    if (!Double.isNaN(value)) {
      sketch.update((float) value);
    }
  }

  @Override
  public ReqSketch snapshot() {
    return ReqSketchCodec.copy(sketch);
  }

  @Override
  public long heapBytes() {
    return ReqSketchHeap.bytes(sketch);
  }
}
