package io.canopy.controlplane.query.model;

/**
 * Split the results by a dimension: its {@code limit} (default 10, at most 1,000) top values by the
 * query's order, and with {@code other} (default true) one more row, {@code "(other)"}, for the
 * rest.
 */
public record Split(String dimension, Integer limit, Boolean other) {
  public static final int DEFAULT_LIMIT = 10;
  public static final int MAX_LIMIT = 1_000;
  public static final String OTHER = "(other)";

  public int limitOrDefault() {
    return limit == null ? DEFAULT_LIMIT : limit;
  }

  public boolean otherOrDefault() {
    return other == null || other;
  }
}
