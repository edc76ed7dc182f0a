package io.canopy.controlplane.common;

import java.util.List;
import java.util.function.Function;

/** One page of a list; {@code next} is the cursor of the page after it, null on the last. */
public record Page<T>(List<T> items, String next) {
  /** The page of {@code items} read with {@code limit}: full means there may be more. */
  public static <T> Page<T> of(List<T> items, int limit, Function<T, String> cursor) {
    return new Page<>(
        items, items.size() == limit ? cursor.apply(items.get(items.size() - 1)) : null);
  }

  public <R> Page<R> map(Function<T, R> view) {
    return new Page<>(items.stream().map(view).toList(), next);
  }
}
