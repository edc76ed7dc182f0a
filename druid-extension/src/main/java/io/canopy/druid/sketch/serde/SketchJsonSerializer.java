package io.canopy.druid.sketch.serde;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes a sketch as the Base64 text of its bytes: how it appears in native query results, SQL
 * results and groupBy spill files, and what {@link SketchCodec#deserialize} reads back.
 */
public final class SketchJsonSerializer<S> extends StdSerializer<S> {
  private static final long serialVersionUID = 1L;

  private final SketchCodec<S> codec;

  public SketchJsonSerializer(SketchCodec<S> codec) {
    super(codec.sketchClass());
    this.codec = codec;
  }

  @Override
  public void serialize(S sketch, JsonGenerator generator, SerializerProvider provider)
      throws IOException {
    generator.writeBinary(codec.toBytes(sketch));
  }
}
