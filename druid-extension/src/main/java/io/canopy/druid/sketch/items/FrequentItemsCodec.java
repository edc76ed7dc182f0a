package io.canopy.druid.sketch.items;

import io.canopy.druid.sketch.serde.SketchCodec;
import java.util.Comparator;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

/** Frequent Items sketches of strings, as column type {@value #TYPE_NAME}. */
public final class FrequentItemsCodec extends SketchCodec<ItemsSketch<String>> {
  public static final String TYPE_NAME = "canopyFrequentItemsSketch";
  public static final FrequentItemsCodec INSTANCE = new FrequentItemsCodec();
  private static final ArrayOfStringsSerDe STRINGS = new ArrayOfStringsSerDe();

  @SuppressWarnings("unchecked")
  private FrequentItemsCodec() {
    super(TYPE_NAME, (Class<ItemsSketch<String>>) (Class<?>) ItemsSketch.class);
  }

  @Override
  public byte[] toBytes(ItemsSketch<String> sketch) {
    return sketch.toByteArray(STRINGS);
  }

  @Override
  public ItemsSketch<String> fromBytes(byte[] bytes) {
    return ItemsSketch.getInstance(Memory.wrap(bytes), STRINGS);
  }

  @Override
  public Comparator<ItemsSketch<String>> comparator() {
    return Comparator.comparingLong(ItemsSketch::getStreamLength);
  }

  /** An independent copy of the sketch at the given map size. */
  static ItemsSketch<String> copy(ItemsSketch<String> sketch, int maxMapSize) {
    return new ItemsSketch<String>(maxMapSize).merge(sketch);
  }
}
