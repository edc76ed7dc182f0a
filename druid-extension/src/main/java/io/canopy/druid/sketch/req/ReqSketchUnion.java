package io.canopy.druid.sketch.req;

import io.canopy.druid.sketch.aggregation.SketchUnion;
import javax.annotation.Nullable;
import org.apache.datasketches.req.ReqSketch;
import org.apache.druid.error.InvalidInput;

/**
 * A union of REQ sketches. All inputs must share the union's accuracy mode (high or low ranks);
 * DataSketches cannot merge across modes, so a mismatch is an error naming both. Not thread-safe.
 */
final class ReqSketchUnion implements SketchUnion {
  private final ReqSketch union;

  ReqSketchUnion(int k, boolean highRankAccuracy) {
    this.union = ReqSketch.builder().setK(k).setHighRankAccuracy(highRankAccuracy).build();
  }

  @Override
  public void add(@Nullable Object sketch) {
    ReqSketch req = ReqSketchCodec.INSTANCE.deserialize(sketch);
    if (req == null) {
      return;
    }
    if (req.getHighRankAccuracyMode() != union.getHighRankAccuracyMode()) {
      throw InvalidInput.exception(
          "Cannot merge a REQ sketch with highRankAccuracy=%s into one with highRankAccuracy=%s",
          req.getHighRankAccuracyMode(), union.getHighRankAccuracyMode());
    }
    union.merge(req);
  }

  @Override
  public ReqSketch snapshot() {
    return ReqSketchCodec.copy(union);
  }

  @Override
  public long heapBytes() {
    return ReqSketchHeap.bytes(union);
  }
}
