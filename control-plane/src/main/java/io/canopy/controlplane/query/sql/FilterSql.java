package io.canopy.controlplane.query.sql;

import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.query.model.Filter;
import java.util.List;

/**
 * A {@link Filter} as a Druid SQL condition: names checked against the datasource's columns, values
 * as parameters, {@code contains} and {@code prefix} as {@code LIKE} with the value's wildcards
 * escaped. Bounded: {@value #MAX_NODES} conditions, {@value #MAX_DEPTH} levels, {@value
 * #MAX_VALUES} values in one {@code in}.
 */
final class FilterSql {
  static final int MAX_NODES = 200;
  static final int MAX_DEPTH = 10;
  static final int MAX_VALUES = 1_000;

  private final Columns columns;
  private int nodes;

  private FilterSql(Columns columns) {
    this.columns = columns;
  }

  /**
   * A filter as SQL: {@code sql} when it may or may not hold; else it always holds ({@code always})
   * or never does ({@code never}), and {@code sql} is null.
   */
  record Condition(SqlText sql, boolean always, boolean never) {}

  /**
   * The condition for {@code filter}, which the error messages call {@code field}: checked whole
   * (every name and value), then folded ({@link FilterFolding}), then written.
   */
  static Condition of(Filter filter, String field, Columns columns) {
    new FilterSql(columns).write(filter, field, 1, new SqlText());
    FilterFolding.Folded folded = FilterFolding.fold(filter);
    if (folded.constant()) {
      return new Condition(null, folded.always(), folded.never());
    }
    SqlText sql = new SqlText();
    new FilterSql(columns).write(folded.filter(), field, 1, sql);
    return new Condition(sql, false, false);
  }

  private void write(Filter filter, String field, int depth, SqlText sql) {
    if (filter == null) {
      throw new InvalidInputException(field, "is required (a filter with a \"type\")");
    }
    if (++nodes > MAX_NODES) {
      throw new InvalidInputException(field, "makes the filter longer than " + MAX_NODES);
    }
    if (depth > MAX_DEPTH) {
      throw new InvalidInputException(field, "nests filters deeper than " + MAX_DEPTH);
    }
    if (filter instanceof Filter.Equals f) {
      sql.identifier(dim(f.dimension(), field))
          .append(" = ")
          .value(text(f.value(), field + ".value"));
    } else if (filter instanceof Filter.In f) {
      in(f, field, sql);
    } else if (filter instanceof Filter.Not f) {
      sql.append("((");
      write(f.filter(), field + ".filter", depth + 1, sql);
      sql.append(") IS NOT TRUE)");
    } else if (filter instanceof Filter.Contains f) {
      like(f.dimension(), "%", f.value(), "%", field, sql);
    } else if (filter instanceof Filter.Prefix f) {
      like(f.dimension(), "", f.value(), "%", field, sql);
    } else if (filter instanceof Filter.Range f) {
      range(f, field, sql);
    } else if (filter instanceof Filter.IsNull f) {
      sql.identifier(dim(f.dimension(), field)).append(" IS NULL");
    } else if (filter instanceof Filter.NotNull f) {
      sql.identifier(dim(f.dimension(), field)).append(" IS NOT NULL");
    } else if (filter instanceof Filter.And f) {
      join(f.filters(), " AND ", field, depth, sql);
    } else if (filter instanceof Filter.Or f) {
      join(f.filters(), " OR ", field, depth, sql);
    }
  }

  private String dim(String name, String field) {
    return columns.dimension(name, field + ".dimension");
  }

  private static String text(String value, String field) {
    if (value == null) {
      throw new InvalidInputException(field, "is required; use the null filter for no value");
    }
    return value;
  }

  private void in(Filter.In f, String field, SqlText sql) {
    List<String> values = f.values();
    if (values == null || values.isEmpty() || values.size() > MAX_VALUES) {
      throw new InvalidInputException(
          field + ".values", "must hold 1 to " + MAX_VALUES + " values");
    }
    sql.identifier(dim(f.dimension(), field)).append(" IN (");
    for (int i = 0; i < values.size(); i++) {
      sql.append(i == 0 ? "" : ", ").value(text(values.get(i), field + ".values[" + i + "]"));
    }
    sql.append(")");
  }

  private void like(
      String dimension, String before, String value, String after, String field, SqlText sql) {
    String escaped = text(value, field + ".value").replaceAll("([\\\\%_])", "\\\\$1");
    sql.identifier(dim(dimension, field))
        .append(" LIKE ")
        .value(before + escaped + after)
        .append(" ESCAPE '\\'");
  }

  private void range(Filter.Range f, String field, SqlText sql) {
    String column = columns.number(f.column(), field + ".column");
    Bounds.write(column, f.gt(), f.gte(), f.lt(), f.lte(), field, sql);
    sql.filtersOnMetric();
  }

  private void join(List<Filter> filters, String op, String field, int depth, SqlText sql) {
    if (filters == null || filters.isEmpty()) {
      throw new InvalidInputException(field + ".filters", "must hold at least one filter");
    }
    sql.append("(");
    for (int i = 0; i < filters.size(); i++) {
      sql.append(i == 0 ? "" : op);
      write(filters.get(i), field + ".filters[" + i + "]", depth + 1, sql);
    }
    sql.append(")");
  }
}
