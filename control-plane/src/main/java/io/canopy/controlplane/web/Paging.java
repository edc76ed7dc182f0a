package io.canopy.controlplane.web;

import io.canopy.controlplane.common.InvalidInputException;

/** The {@code limit} query parameter of every listing: 1 to 200, 50 when absent. */
public final class Paging {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  private Paging() {}

  public static int limit(String value) {
    if (value == null || value.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidInputException(
        "limit", "must be a whole number from 1 to " + MAX_LIMIT + ", not '" + value + "'");
  }
}
