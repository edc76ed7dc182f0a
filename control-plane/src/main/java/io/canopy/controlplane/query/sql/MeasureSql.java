package io.canopy.controlplane.query.sql;

import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.query.measure.Measure;
import io.canopy.controlplane.query.measure.MeasureCatalog;
import java.util.List;

/**
 * A measure as Druid SQL select expressions: its value under its alias and, for an estimate, its
 * bounds under {@code <alias>_lo} and {@code <alias>_hi} (CPC: 2 standard deviations, about 95 %;
 * REQ: the values at the rank bounds of 2 relative standard errors). Column names are checked
 * against the datasource; built-in constants travel as parameters like every other value.
 */
final class MeasureSql {
  /**
   * DataSketches REQ's relative standard error of a rank, per unit of (1 − rank) in high-rank
   * accuracy mode, at k 12 (the {@code events} template's k): sqrt(0.0512 / 3) / 12.
   */
  static final double REQ_RSE_PER_UNIT = Math.sqrt(0.0512 / 3) / 12;

  private final Columns columns;
  private final MeasureCatalog catalog;

  MeasureSql(Columns columns, MeasureCatalog catalog) {
    this.columns = columns;
    this.catalog = catalog;
  }

  /** An expression and the alias it is selected under. */
  record Output(String alias, SqlText expression) {}

  /** What to select for {@code m}: its value first, then its bounds, if any. */
  List<Output> select(Measure m, String alias, String field) {
    if (m instanceof Measure.Aggregate a) {
      SqlText value = aggregate(a, field);
      if (a.function() == Measure.Function.SUM) {
        // A sum of no rows is 0, as the API answers it; as SQL's NULL it would sort apart from
        // the zeros it is shown as, and fail a having that 0 passes.
        value = new SqlText().append("COALESCE(").append(value).append(", 0)");
      }
      return List.of(new Output(alias, value));
    }
    if (m instanceof Measure.Ratio r) {
      return List.of(new Output(alias, ratio(r, field)));
    }
    if (m instanceof Measure.Distinct d) {
      String sketch = columns.sketch(d.sketchColumn(), field);
      return List.of(
          new Output(
              alias,
              new SqlText()
                  .append("CPC_SKETCH_ESTIMATE(CPC_SKETCH(")
                  .identifier(sketch)
                  .append("))")),
          new Output(
              alias + "_b",
              new SqlText()
                  .append("CPC_SKETCH_ESTIMATE_WITH_ERROR_BOUNDS(CPC_SKETCH(")
                  .identifier(sketch)
                  .append("), ")
                  .value(2L)
                  .append(")")));
    }
    if (m instanceof Measure.Quantile q) {
      String sketch = columns.sketch(q.sketchColumn(), field);
      double delta = 2 * REQ_RSE_PER_UNIT * (1 - q.fraction());
      return List.of(
          new Output(alias, quantile(sketch, q.fraction())),
          new Output(alias + "_lo", quantile(sketch, Math.max(0, q.fraction() - delta))),
          new Output(alias + "_hi", quantile(sketch, Math.min(1, q.fraction() + delta))));
    }
    Measure.TopItems t = (Measure.TopItems) m;
    return List.of(
        new Output(
            alias,
            new SqlText()
                .append("FREQUENT_ITEMS_TOP_K(FREQUENT_ITEMS_SKETCH(")
                .identifier(columns.sketch(t.sketchColumn(), field))
                .append(", ")
                .value((long) t.maxMapSize())
                .append("), ")
                .value((long) t.k())
                .append(")")));
  }

  /** Whether rows can be ordered or filtered by {@code m}'s value. */
  static boolean orderable(Measure m) {
    return !(m instanceof Measure.TopItems);
  }

  private static SqlText quantile(String sketch, double fraction) {
    return new SqlText()
        .append("REQ_SKETCH_QUANTILE(REQ_SKETCH(")
        .identifier(sketch)
        .append("), ")
        .value(fraction)
        .append(")");
  }

  /**
   * {@code SUM(col)}, {@code MIN(col)} or {@code MAX(col)}, with its filter; an aggregate whose
   * filter never holds is SQL's aggregate of no rows, null (Druid 33 cannot plan a filter that
   * folds to false).
   */
  private SqlText aggregate(Measure.Aggregate a, String field) {
    SqlText sql =
        new SqlText()
            .append(a.function().name())
            .append("(")
            .identifier(columns.number(a.column(), field))
            .append(")");
    if (a.filter() == null) {
      return sql;
    }
    FilterSql.Condition filter = FilterSql.of(a.filter(), field + ".filter", columns);
    if (filter.never()) {
      return new SqlText().append("CAST(NULL AS DOUBLE)");
    }
    return filter.always() ? sql : sql.append(" FILTER (WHERE ").append(filter.sql()).append(")");
  }

  private SqlText ratio(Measure.Ratio r, String field) {
    return new SqlText()
        .append("(CAST(")
        .append(part(r.numerator(), field))
        .append(" AS DOUBLE) / NULLIF(")
        .append(part(r.denominator(), field))
        .append(", 0))");
  }

  private SqlText part(String name, String field) {
    Measure m = catalog.resolve(name, field);
    if (!(m instanceof Measure.Aggregate a)) {
      throw new InvalidInputException(
          field, "is a ratio of " + name + ", which is not a sum, min or max");
    }
    return aggregate(a, field);
  }
}
