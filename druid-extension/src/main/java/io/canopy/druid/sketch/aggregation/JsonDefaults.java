package io.canopy.druid.sketch.aggregation;

/**
 * Jackson {@code valueFilter}s that leave a property out of serialized JSON when it holds its
 * default, so specs written before a parameter existed keep their exact form.
 */
public final class JsonDefaults {
  private JsonDefaults() {}

  /** Filters out {@code true}. */
  public static final class True {
    @Override
    public boolean equals(Object value) {
      return Boolean.TRUE.equals(value);
    }

    @Override
    public int hashCode() {
      return 1;
    }
  }
}
