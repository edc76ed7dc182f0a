package io.canopy.controlplane.query.sql;

import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.query.measure.Measure;
import io.canopy.controlplane.query.measure.MeasureCatalog;
import io.canopy.controlplane.query.model.Split;
import io.canopy.controlplane.query.sql.QueryPlan.SplitValues;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link QueryPlan} as Druid SQL: the top values of a split, the rows, and the totals.
 * Every value is a parameter; names come only from the datasource's columns; the tenant condition
 * is always there, so Druid's row policy and this query agree. Column aliases: {@code t} (the
 * bucket), {@code d0…} (splits), {@code m0…} (measures; bounds {@code m0_lo}/{@code m0_hi} or
 * {@code m0_b}). LIMIT is the one number written as text: an int the plan checked.
 */
public final class QuerySql {
  private final Columns columns;
  private final MeasureSql measures;

  public QuerySql(Columns columns, MeasureCatalog catalog) {
    this.columns = columns;
    this.measures = new MeasureSql(columns, catalog);
  }

  /** The {@code split}'s top values by the plan's ordering measure: {@code d} and {@code m}. */
  public CompiledSql topValues(QueryPlan plan, int split) {
    SplitValues s = plan.splits().get(split);
    String dim = columns.dimension(s.dimension(), "splits[" + split + "].dimension");
    int order = RowOrder.orderingMeasure(plan);
    SqlText sql = new SqlText().append("SELECT ").identifier(dim).append(" AS \"d\", ");
    sql.append(select(plan.measures().get(order), "m", order).get(0).expression());
    sql.append(" FROM ").datasource(plan.datasource()).append(where(plan));
    return sql.append(" GROUP BY 1 ORDER BY 2 DESC LIMIT " + s.limit()).compiled();
  }

  /** The rows: one per bucket and split values. */
  public CompiledSql rows(QueryPlan plan) {
    SqlText sql = new SqlText().append("SELECT ");
    int groups = 0;
    if (plan.bucketed()) {
      sql.append("TIME_FLOOR(\"__time\", ")
          .value(plan.granularity().period())
          .append(", NULL, ")
          .value(plan.interval().zone().getId())
          .append(") AS \"t\", ");
      groups++;
    }
    for (int i = 0; i < plan.splits().size(); i++) {
      sql.append(splitExpression(plan.splits().get(i), i)).append(" AS \"d" + i + "\", ");
      groups++;
    }
    sql.append(selectMeasures(plan));
    sql.append(" FROM ").datasource(plan.datasource()).append(where(plan));
    if (groups > 0) {
      sql.append(" GROUP BY ");
      for (int g = 1; g <= groups; g++) {
        sql.append(g == 1 ? "" : ", ").append(Integer.toString(g));
      }
    }
    if (plan.having() != null) {
      sql.append(" HAVING ");
      int h = RowOrder.index(plan, plan.having().measure(), "having.measure");
      Bounds.write(
          new SqlText().append("\"m" + h + "\""),
          plan.having().gt(),
          plan.having().gte(),
          plan.having().lt(),
          plan.having().lte(),
          "having",
          sql);
    }
    sql.append(RowOrder.of(plan).sql(plan.bucketed()));
    // One row past the limit: whether the limit cut rows, and in which bucket, is then known.
    return sql.append(" LIMIT " + (plan.limit() + 1)).compiled();
  }

  /**
   * Whether the plan's filter can never hold (a contradiction such as {@code country = JP and
   * country = GB}): its answer is then the empty answer, known without asking Druid. Checks the
   * filter's names and values first, as every query does.
   */
  public boolean matchesNothing(QueryPlan plan) {
    return condition(plan).never();
  }

  private FilterSql.Condition condition(QueryPlan plan) {
    return plan.filter() == null
        ? new FilterSql.Condition(null, true, false)
        : FilterSql.of(plan.filter(), "filter", columns);
  }

  /** The totals over the whole range: no bucket, no split, every measure. */
  public CompiledSql totals(QueryPlan plan) {
    SqlText sql = new SqlText().append("SELECT ").append(selectMeasures(plan));
    return sql.append(" FROM ").datasource(plan.datasource()).append(where(plan)).compiled();
  }

  private SqlText selectMeasures(QueryPlan plan) {
    SqlText sql = new SqlText();
    for (int i = 0; i < plan.measures().size(); i++) {
      for (MeasureSql.Output out : select(plan.measures().get(i), "m" + i, i)) {
        sql.append(sql.isEmpty() ? "" : ", ")
            .append(out.expression())
            .append(" AS \"" + out.alias() + "\"");
      }
    }
    return sql;
  }

  private List<MeasureSql.Output> select(Measure m, String alias, int index) {
    String field = "measures[" + index + "]";
    try {
      return measures.select(m, alias, field);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(
          field, "(" + m.name() + ") cannot be computed on this datasource: " + e.getMessage());
    }
  }

  private SqlText where(QueryPlan plan) {
    SqlText sql =
        new SqlText()
            .append(" WHERE \"tenant\" = ")
            .value(plan.tenant())
            .append(" AND \"__time\" >= MILLIS_TO_TIMESTAMP(")
            .value(plan.interval().start().toEpochMilli())
            .append(") AND \"__time\" < MILLIS_TO_TIMESTAMP(")
            .value(plan.interval().end().toEpochMilli())
            .append(")");
    FilterSql.Condition filter = condition(plan);
    if (filter.never()) {
      sql.append(" AND 1 = 0"); // QueryService asks no such query: it knows the answer
    } else if (!filter.always()) {
      sql.append(" AND (").append(filter.sql()).append(")");
    }
    for (int i = 0; i < plan.splits().size(); i++) {
      SplitValues s = plan.splits().get(i);
      if (!s.other() && s.values() != null) {
        sql.append(" AND ").append(inTop(s, i));
      }
    }
    return sql;
  }

  private SqlText splitExpression(SplitValues s, int i) {
    String dim = columns.dimension(s.dimension(), "splits[" + i + "].dimension");
    SqlText sql = new SqlText();
    if (!s.other() || s.values() == null) {
      return sql.identifier(dim);
    }
    sql.append("CASE WHEN ").identifier(dim).append(" IS NULL THEN ");
    if (s.values().contains(null)) {
      sql.append("NULL");
    } else {
      sql.value(Split.OTHER);
    }
    return sql.append(" WHEN ")
        .append(inTop(s, i))
        .append(" THEN ")
        .identifier(dim)
        .append(" ELSE ")
        .value(Split.OTHER)
        .append(" END");
  }

  /** {@code ("x" IN (top…) [OR "x" IS NULL])}; a split with no value matches nothing. */
  private SqlText inTop(SplitValues s, int i) {
    String dim = columns.dimension(s.dimension(), "splits[" + i + "].dimension");
    List<String> present = new ArrayList<>();
    for (String v : s.values()) {
      if (v != null) {
        present.add(v);
      }
    }
    SqlText sql = new SqlText().append("(");
    if (present.isEmpty()) {
      sql.append("1 = 0");
    } else {
      sql.identifier(dim).append(" IN (");
      for (int k = 0; k < present.size(); k++) {
        sql.append(k == 0 ? "" : ", ").value(present.get(k));
      }
      sql.append(")");
    }
    if (s.values().contains(null)) {
      sql.append(" OR ").identifier(dim).append(" IS NULL");
    }
    return sql.append(")");
  }
}
