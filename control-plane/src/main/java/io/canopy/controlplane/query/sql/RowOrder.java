package io.canopy.controlplane.query.sql;

import io.canopy.controlplane.common.InvalidInputException;

/**
 * How a query's rows are ordered within a bucket: by one of its split dimensions (ascending unless
 * {@code descending}) or by one of its measures (descending unless {@code "descending": false}); by
 * default the first measure that can order rows, descending. The compiler writes it as {@code ORDER
 * BY}, and the rows the control plane adds (empty buckets) are placed by it too. Immutable.
 *
 * @param split the split's index when ordered by a dimension, else -1
 * @param measure the measure's index when ordered by a measure, else -1 (both -1: by time alone, a
 *     question of only lists, such as {@code top_pages}, without splits)
 */
public record RowOrder(int split, int measure, boolean descending) {

  /** The order {@code plan} asks for; a 400 naming {@code orderBy} if it names nothing of it. */
  public static RowOrder of(QueryPlan plan) {
    var order = plan.orderBy();
    if (order != null && order.dimension() != null) {
      return new RowOrder(
          splitIndex(plan, order.dimension()),
          -1,
          order.descending() != null && order.descending());
    }
    boolean desc = order == null || order.descending() == null || order.descending();
    if (order == null && plan.splits().isEmpty() && !anyOrderable(plan)) {
      return new RowOrder(-1, -1, false); // one row a bucket: nothing to order within it
    }
    return new RowOrder(-1, orderingMeasure(plan), desc);
  }

  private static boolean anyOrderable(QueryPlan plan) {
    return plan.measures().stream().anyMatch(MeasureSql::orderable);
  }

  /**
   * The measure rows are ordered by (and a split's top values chosen by): orderBy's, else the first
   * that can order.
   */
  static int orderingMeasure(QueryPlan plan) {
    if (plan.orderBy() != null && plan.orderBy().measure() != null) {
      int m = index(plan, plan.orderBy().measure(), "orderBy.measure");
      if (!MeasureSql.orderable(plan.measures().get(m))) {
        throw new InvalidInputException("orderBy.measure", "cannot order rows: it is a list");
      }
      return m;
    }
    for (int i = 0; i < plan.measures().size(); i++) {
      if (MeasureSql.orderable(plan.measures().get(i))) {
        return i;
      }
    }
    throw new InvalidInputException(
        "measures",
        "need one measure that can order rows (a split keeps its values with the highest one);"
            + " a list such as top_pages cannot");
  }

  /** The index of {@code measure} among the plan's; a 400 naming {@code field} if none. */
  static int index(QueryPlan plan, String measure, String field) {
    for (int i = 0; i < plan.measures().size(); i++) {
      if (plan.measures().get(i).name().equals(measure)) {
        return i;
      }
    }
    throw new InvalidInputException(field, "must be one of the query's measures");
  }

  private static int splitIndex(QueryPlan plan, String dimension) {
    for (int i = 0; i < plan.splits().size(); i++) {
      if (plan.splits().get(i).dimension().equals(dimension)) {
        return i;
      }
    }
    throw new InvalidInputException("orderBy.dimension", "must be one of the query's splits");
  }

  /** The {@code ORDER BY} clause, time first for a bucketed plan. */
  String sql(boolean bucketed) {
    if (split < 0 && measure < 0) {
      return bucketed ? " ORDER BY \"t\" ASC" : "";
    }
    String key = split >= 0 ? "\"d" + split + "\"" : "\"m" + measure + "\"";
    return " ORDER BY " + (bucketed ? "\"t\" ASC, " : "") + key + (descending ? " DESC" : " ASC");
  }
}
