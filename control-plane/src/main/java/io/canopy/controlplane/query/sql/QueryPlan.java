package io.canopy.controlplane.query.sql;

import io.canopy.controlplane.query.measure.Measure;
import io.canopy.controlplane.query.model.Filter;
import io.canopy.controlplane.query.model.Granularity;
import io.canopy.controlplane.query.model.Having;
import io.canopy.controlplane.query.model.Interval;
import io.canopy.controlplane.query.model.OrderBy;
import java.time.Instant;
import java.util.List;

/**
 * A checked, resolved query, ready to be written as SQL: a fixed granularity, measures resolved by
 * name, each split with its top values once they are known. Immutable.
 *
 * @param tenant the caller's slug, always a condition of the query
 */
public record QueryPlan(
    String datasource,
    String tenant,
    Interval interval,
    Granularity granularity,
    List<Measure> measures,
    List<SplitValues> splits,
    Filter filter,
    OrderBy orderBy,
    Having having,
    int limit) {

  /**
   * A split: its dimension, its top values ({@code null} until known; may hold null) and whether
   * the rest make an "(other)" row.
   */
  public record SplitValues(String dimension, int limit, boolean other, List<String> values) {
    public SplitValues withValues(List<String> top) {
      return new SplitValues(dimension, limit, other, top);
    }
  }

  public QueryPlan over(Interval other) {
    return new QueryPlan(
        datasource, tenant, other, granularity, measures, splits, filter, orderBy, having, limit);
  }

  public QueryPlan withSplits(List<SplitValues> known) {
    return new QueryPlan(
        datasource, tenant, interval, granularity, measures, known, filter, orderBy, having, limit);
  }

  /**
   * The question with its range and what was found from the range (the splits' top values) left
   * out: the same for every position of a moving range, and across minutes in which the top values
   * changed (order or membership), so its answer of a moment ago can still be found.
   */
  public QueryPlan shape() {
    return withSplits(splits.stream().map(s -> s.withValues(null)).toList())
        .over(new Interval(Instant.EPOCH, Instant.EPOCH, interval.zone()));
  }

  public boolean bucketed() {
    return granularity != Granularity.ALL;
  }
}
