package io.canopy.druid.sketch.cpc;

import io.canopy.druid.sketch.serde.SketchCodec;
import java.util.Comparator;
import org.apache.datasketches.cpc.CpcSketch;

/** CPC sketches in their compact serialized form, as column type {@value #TYPE_NAME}. */
public final class CpcSketchCodec extends SketchCodec<CpcSketch> {
  public static final String TYPE_NAME = "canopyCpcSketch";
  public static final CpcSketchCodec INSTANCE = new CpcSketchCodec();

  private CpcSketchCodec() {
    super(TYPE_NAME, CpcSketch.class);
  }

  @Override
  public byte[] toBytes(CpcSketch sketch) {
    return sketch.toByteArray();
  }

  @Override
  public CpcSketch fromBytes(byte[] bytes) {
    return CpcSketch.heapify(bytes);
  }

  @Override
  public Comparator<CpcSketch> comparator() {
    return Comparator.comparingDouble(CpcSketch::getEstimate);
  }

  /** An independent copy; DataSketches 4.2 has no {@code CpcSketch.copy()}. */
  static CpcSketch copy(CpcSketch sketch) {
    return CpcSketch.heapify(sketch.toByteArray());
  }
}
