package io.canopy.controlplane.web;

import io.canopy.controlplane.common.Page;
import java.util.List;
import java.util.function.Function;

/** A page of a list as the API shows it: {@code next} goes in the next request's {@code after}. */
public record PageResponse<T>(List<T> items, String next) {
  public static <S, T> PageResponse<T> of(Page<S> page, Function<S, T> view) {
    return new PageResponse<>(page.items().stream().map(view).toList(), page.next());
  }
}
