package io.canopy.controlplane.query.sql;

import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.query.measure.Measure;
import io.canopy.controlplane.query.measure.MeasureCatalog;
import io.canopy.controlplane.query.model.Interval;
import io.canopy.controlplane.query.model.OrderBy;
import io.canopy.controlplane.query.model.QueryModel;
import io.canopy.controlplane.query.model.Split;
import io.canopy.controlplane.query.sql.QueryPlan.SplitValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@link QueryModel} and resolves it into a {@link QueryPlan}: the version, measures by
 * name, the range against {@code now}, {@code auto} granularity, and every bound. Names of columns
 * are checked later, against the datasource's columns, when the plan is written as SQL. Pure.
 */
public final class QueryPlanner {
  public static final int MAX_MEASURES = 20;
  public static final int MAX_SPLITS = 3;

  private QueryPlanner() {}

  /**
   * @param druidDatasource the Druid name of the datasource the model names (already resolved for
   *     the tenant)
   */
  public static QueryPlan plan(
      QueryModel q, String tenant, String druidDatasource, Instant now, MeasureCatalog catalog) {
    if (q.version() != null && q.version() != QueryModel.VERSION) {
      throw new InvalidInputException("version", "must be " + QueryModel.VERSION);
    }
    if (q.range() == null) {
      throw new InvalidInputException("range", "is required, such as {\"relative\": \"last 7d\"}");
    }
    Interval interval = q.range().resolve(now);
    return new QueryPlan(
        druidDatasource,
        tenant,
        interval,
        q.range().asked(),
        q.range().startMoves(),
        q.granularityOrDefault().forRange(interval.duration()),
        measures(q, catalog),
        splits(q),
        q.filter(),
        orderBy(q.orderBy()),
        q.having(),
        bounded(q.limitOrDefault(), 1, QueryModel.MAX_LIMIT, "limit"));
  }

  private static List<Measure> measures(QueryModel q, MeasureCatalog catalog) {
    List<String> names = q.measures();
    if (names == null || names.isEmpty() || names.size() > MAX_MEASURES) {
      throw new InvalidInputException("measures", "must name 1 to " + MAX_MEASURES + " measures");
    }
    List<Measure> measures = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < names.size(); i++) {
      Measure m = catalog.resolve(names.get(i), "measures[" + i + "]");
      if (!seen.add(m.name())) {
        throw new InvalidInputException("measures[" + i + "]", "repeats " + m.name());
      }
      measures.add(m);
    }
    return measures;
  }

  private static List<SplitValues> splits(QueryModel q) {
    List<Split> splits = q.splitsOrNone();
    if (splits.size() > MAX_SPLITS) {
      throw new InvalidInputException("splits", "may hold at most " + MAX_SPLITS + " splits");
    }
    List<SplitValues> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < splits.size(); i++) {
      Split s = splits.get(i);
      String field = "splits[" + i + "]";
      if (s == null || s.dimension() == null) {
        throw new InvalidInputException(field + ".dimension", "is required");
      }
      if (!seen.add(s.dimension())) {
        throw new InvalidInputException(field + ".dimension", "repeats " + s.dimension());
      }
      int limit = bounded(s.limitOrDefault(), 1, Split.MAX_LIMIT, field + ".limit");
      out.add(new SplitValues(s.dimension(), limit, s.otherOrDefault(), null));
    }
    return out;
  }

  private static OrderBy orderBy(OrderBy order) {
    if (order != null && (order.measure() == null) == (order.dimension() == null)) {
      throw new InvalidInputException("orderBy", "takes a measure or a dimension, one of them");
    }
    return order;
  }

  private static int bounded(int value, int min, int max, String field) {
    if (value < min || value > max) {
      throw new InvalidInputException(
          field, "must be between " + min + " and " + max + ", not " + value);
    }
    return value;
  }
}
