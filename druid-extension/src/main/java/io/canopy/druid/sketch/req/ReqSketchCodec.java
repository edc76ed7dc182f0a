package io.canopy.druid.sketch.req;

import io.canopy.druid.sketch.serde.SketchCodec;
import java.util.Comparator;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.req.ReqSketch;

/** REQ sketches of floats, as column type {@value #TYPE_NAME}. */
public final class ReqSketchCodec extends SketchCodec<ReqSketch> {
  public static final String TYPE_NAME = "canopyReqSketch";
  public static final ReqSketchCodec INSTANCE = new ReqSketchCodec();

  private ReqSketchCodec() {
    super(TYPE_NAME, ReqSketch.class);
  }

  @Override
  public byte[] toBytes(ReqSketch sketch) {
    return sketch.toByteArray();
  }

  @Override
  public ReqSketch fromBytes(byte[] bytes) {
    return ReqSketch.heapify(Memory.wrap(bytes));
  }

  @Override
  public Comparator<ReqSketch> comparator() {
    return Comparator.comparingLong(ReqSketch::getN);
  }

  /** An independent copy; DataSketches 4.2 has no {@code ReqSketch.copy()}. */
  static ReqSketch copy(ReqSketch sketch) {
    return ReqSketch.heapify(Memory.wrap(sketch.toByteArray()));
  }
}
