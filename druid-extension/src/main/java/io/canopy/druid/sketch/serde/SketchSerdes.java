package io.canopy.druid.sketch.serde;

import com.fasterxml.jackson.databind.module.SimpleModule;
import org.apache.druid.segment.serde.ComplexMetrics;

/** Registration helpers the family modules share. */
public final class SketchSerdes {
  private SketchSerdes() {}

  /** Registers the family's complex column type; idempotent, as modules may configure twice. */
  public static synchronized void register(SketchCodec<?> codec) {
    if (ComplexMetrics.getSerdeForType(codec.typeName()) == null) {
      ComplexMetrics.registerSerde(codec.typeName(), new SketchComplexMetricSerde<>(codec));
    }
  }

  /** Adds the family's JSON serializer (Base64 of the sketch bytes) to a Jackson module. */
  public static <S> SimpleModule withSerializer(SimpleModule module, SketchCodec<S> codec) {
    return module.addSerializer(codec.sketchClass(), new SketchJsonSerializer<>(codec));
  }
}
