package io.canopy.controlplane.query.sql;

import io.canopy.controlplane.common.InvalidInputException;

/** Numeric bounds ({@code gt}, {@code gte}, {@code lt}, {@code lte}) as SQL: a range or having. */
final class Bounds {
  private Bounds() {}

  /** {@code (x > ? AND x <= ?)} for a column; at least one bound, each finite. */
  static void write(
      String column, Double gt, Double gte, Double lt, Double lte, String field, SqlText sql) {
    write(new SqlText().identifier(column), gt, gte, lt, lte, field, sql);
  }

  /** The same over any expression, such as a measure's alias. */
  static void write(
      SqlText expression, Double gt, Double gte, Double lt, Double lte, String field, SqlText sql) {
    String[] ops = {" > ", " >= ", " < ", " <= "};
    String[] names = {"gt", "gte", "lt", "lte"};
    Double[] values = {gt, gte, lt, lte};
    boolean any = false;
    sql.append("(");
    for (int i = 0; i < ops.length; i++) {
      if (values[i] == null) {
        continue;
      }
      if (values[i].isNaN() || values[i].isInfinite()) {
        throw new InvalidInputException(field + "." + names[i], "must be a finite number");
      }
      sql.append(any ? " AND " : "").append(expression).append(ops[i]).value(values[i]);
      any = true;
    }
    if (!any) {
      throw new InvalidInputException(field, "needs at least one of gt, gte, lt, lte");
    }
    sql.append(")");
  }
}
