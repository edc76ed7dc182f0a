package io.canopy.druid.sketch.serde;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Comparator;
import javax.annotation.Nullable;
import org.apache.druid.error.InvalidInput;
import org.apache.druid.segment.column.ColumnType;

/**
 * How one sketch family turns into bytes and back, and what its complex column type is called. One
 * stateless instance per family; thread-safe.
 *
 * <p>Build and merge aggregators of a family share the one type name, so a column reads the same
 * complex type whether it is still in an in-memory real-time segment or already persisted (Druid's
 * own HLL uses two names, which makes SQL lose the column until the first handoff).
 */
public abstract class SketchCodec<S> {
  private final String typeName;
  private final Class<S> sketchClass;

  protected SketchCodec(String typeName, Class<S> sketchClass) {
    this.typeName = typeName;
    this.sketchClass = sketchClass;
  }

  public final String typeName() {
    return typeName;
  }

  public final ColumnType columnType() {
    return ColumnType.ofComplex(typeName);
  }

  public final Class<S> sketchClass() {
    return sketchClass;
  }

  /** The sketch's compact serialized form. */
  public abstract byte[] toBytes(S sketch);

  /** Reads a sketch from the bytes {@link #toBytes} wrote; the result does not share the array. */
  public abstract S fromBytes(byte[] bytes);

  /** Orders sketches by their headline number (estimate, stream length); nulls first. */
  public abstract Comparator<S> comparator();

  /**
   * Accepts a sketch in any form a query or an ingested row carries it: the object itself, its
   * bytes, or their Base64 text (how sketches travel through JSON).
   *
   * @return the sketch, or null for null or empty input
   * @throws org.apache.druid.error.DruidException (invalid input) for anything else
   */
  @Nullable
  public final S deserialize(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (sketchClass.isInstance(value)) {
      return sketchClass.cast(value);
    }
    byte[] bytes;
    if (value instanceof byte[]) {
      bytes = (byte[]) value;
    } else if (value instanceof ByteBuffer) {
      ByteBuffer buffer = ((ByteBuffer) value).duplicate();
      bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
    } else if (value instanceof String) {
      bytes = decodeBase64((String) value);
    } else {
      throw InvalidInput.exception(
          "Cannot read a %s sketch from a value of type [%s]",
          typeName, value.getClass().getSimpleName());
    }
    if (bytes.length == 0) {
      return null;
    }
    try {
      return fromBytes(bytes);
    } catch (RuntimeException e) {
      throw InvalidInput.exception(
          "Cannot read a %s sketch from %,d bytes: %s", typeName, bytes.length, e.getMessage());
    }
  }

  private byte[] decodeBase64(String text) {
    try {
      return Base64.getDecoder().decode(text.trim());
    } catch (IllegalArgumentException e) {
      throw InvalidInput.exception(
          "A %s sketch string must be Base64: %s", typeName, e.getMessage());
    }
  }
}
