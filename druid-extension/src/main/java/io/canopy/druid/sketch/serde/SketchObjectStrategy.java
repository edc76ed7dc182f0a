package io.canopy.druid.sketch.serde;

import java.nio.ByteBuffer;
import javax.annotation.Nullable;
import org.apache.druid.segment.data.ObjectStrategy;

/**
 * Reads and writes one family's sketches in segment columns. A null sketch is stored as zero bytes
 * and read back as null. Reads copy the bytes, so results never reference the mapped file.
 */
public final class SketchObjectStrategy<S> implements ObjectStrategy<S> {
  private final SketchCodec<S> codec;

  public SketchObjectStrategy(SketchCodec<S> codec) {
    this.codec = codec;
  }

  @Override
  public Class<? extends S> getClazz() {
    return codec.sketchClass();
  }

  @Nullable
  @Override
  public S fromByteBuffer(ByteBuffer buffer, int numBytes) {
    if (numBytes == 0) {
      return null;
    }
    byte[] bytes = new byte[numBytes];
    buffer.duplicate().get(bytes);
    return codec.fromBytes(bytes);
  }

  @Override
  public byte[] toBytes(@Nullable S sketch) {
    return sketch == null ? new byte[0] : codec.toBytes(sketch);
  }

  @Override
  public int compare(S left, S right) {
    return codec.comparator().compare(left, right);
  }
}
