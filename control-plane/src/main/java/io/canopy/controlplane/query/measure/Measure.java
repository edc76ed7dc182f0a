package io.canopy.controlplane.query.measure;

import io.canopy.controlplane.query.model.Filter;

/**
 * A measure: defined once per datasource, used by name in every query. Built in ({@link
 * BuiltinMeasures}) or a tenant's own ({@link CustomMeasure}). Immutable.
 */
public sealed interface Measure {
  String name();

  /** Whether its value is an estimate that comes with error bounds. */
  default boolean approximate() {
    return false;
  }

  /**
   * {@code SUM}, {@code MIN} or {@code MAX} of a numeric column over the rows {@code filter} keeps.
   */
  record Aggregate(String name, Function function, String column, Filter filter)
      implements Measure {}

  /** One measure divided by another; null where the denominator is 0. */
  record Ratio(String name, String numerator, String denominator) implements Measure {}

  /** Distinct values counted by a CPC sketch column, with 95 % bounds. */
  record Distinct(String name, String sketchColumn) implements Measure {
    @Override
    public boolean approximate() {
      return true;
    }
  }

  /** A quantile of a REQ sketch column, with the values at its rank bounds. */
  record Quantile(String name, String sketchColumn, double fraction) implements Measure {
    @Override
    public boolean approximate() {
      return true;
    }
  }

  /**
   * The most frequent items of a Frequent Items sketch column, each with its bounds, merged at the
   * column's own map size (so a projection that pre-merged the column at that size serves it).
   */
  record TopItems(String name, String sketchColumn, int k, int maxMapSize) implements Measure {
    @Override
    public boolean approximate() {
      return true;
    }
  }

  /** The aggregate functions a custom measure may use. */
  enum Function {
    SUM,
    MIN,
    MAX
  }
}
