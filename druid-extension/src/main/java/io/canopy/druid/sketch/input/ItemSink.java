package io.canopy.druid.sketch.input;

import java.util.List;
import javax.annotation.Nullable;

/**
 * Receives the raw values of rows, one call per value: a multi-value or array row calls once per
 * element. Nulls and empty strings are skipped here, so no family counts them as an item.
 */
public interface ItemSink {
  void addString(String value);

  void addLong(long value);

  void addDouble(double value);

  /** Dispatches any raw value: strings, numbers, lists and arrays of them; others by their text. */
  default void addValue(@Nullable Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof String) {
      String text = (String) value;
      if (!text.isEmpty()) {
        addString(text);
      }
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      addLong(((Number) value).longValue());
    } else if (value instanceof Number) {
      addDouble(((Number) value).doubleValue());
    } else if (value instanceof List) {
      for (Object element : (List<?>) value) {
        addValue(element);
      }
    } else if (value instanceof Object[]) {
      for (Object element : (Object[]) value) {
        addValue(element);
      }
    } else {
      addValue(String.valueOf(value));
    }
  }
}
