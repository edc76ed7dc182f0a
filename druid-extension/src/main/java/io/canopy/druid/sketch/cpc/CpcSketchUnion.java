package io.canopy.druid.sketch.cpc;

import io.canopy.druid.sketch.aggregation.SketchUnion;
import javax.annotation.Nullable;
import org.apache.datasketches.cpc.CpcSketch;
import org.apache.datasketches.cpc.CpcUnion;

/**
 * A union of CPC sketches. Sketches of a larger lgK are merged down to the union's; a smaller lgK
 * lowers the union's to match (DataSketches' rule). Not thread-safe.
 */
final class CpcSketchUnion implements SketchUnion {
  /** The accumulator, the DataSketches object and its fixed fields. */
  static final long OWN_BYTES = 128;

  private final CpcUnion union;

  CpcSketchUnion(int lgK) {
    this.union = new CpcUnion(lgK);
  }

  @Override
  public void add(@Nullable Object sketch) {
    CpcSketch cpc = CpcSketchCodec.INSTANCE.deserialize(sketch);
    if (cpc != null) {
      union.update(cpc);
    }
  }

  @Override
  public CpcSketch snapshot() {
    return union.getResult();
  }

  /**
   * A CPC union shows nothing of its state, which is a sketch until a windowed sketch is merged in
   * and then a matrix of {@code k} longs; this charges the matrix.
   */
  @Override
  public long heapBytes() {
    return OWN_BYTES + 8L * (1L << union.getLgK());
  }
}
