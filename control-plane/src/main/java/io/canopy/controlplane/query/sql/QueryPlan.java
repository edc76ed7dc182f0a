package io.canopy.controlplane.query.sql;

import io.canopy.controlplane.query.measure.Measure;
import io.canopy.controlplane.query.model.Compare;
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
 * @param window the range as asked ({@link io.canopy.controlplane.query.model.TimeRange#asked}),
 *     and for a comparison's plan, which comparison of it: the same for every position of a moving
 *     range, and different for any other range
 */
public record QueryPlan(
    String datasource,
    String tenant,
    Interval interval,
    String window,
    boolean startMoves,
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

  /** The same question over a part of its range (a part of the same window). */
  public QueryPlan over(Interval part) {
    return new QueryPlan(
        datasource,
        tenant,
        part,
        window,
        startMoves,
        granularity,
        measures,
        splits,
        filter,
        orderBy,
        having,
        limit);
  }

  /** The same question over the range {@code compare} compares this one's with. */
  public QueryPlan compared(Compare compare) {
    return new QueryPlan(
        datasource,
        tenant,
        compare.earlier(interval),
        compare.asked() + " of " + window,
        startMoves,
        granularity,
        measures,
        splits,
        filter,
        orderBy,
        having,
        limit);
  }

  /** The same question with another row limit. */
  public QueryPlan withLimit(int rows) {
    return new QueryPlan(
        datasource,
        tenant,
        interval,
        window,
        startMoves,
        granularity,
        measures,
        splits,
        filter,
        orderBy,
        having,
        rows);
  }

  public QueryPlan withSplits(List<SplitValues> known) {
    return new QueryPlan(
        datasource,
        tenant,
        interval,
        window,
        startMoves,
        granularity,
        measures,
        known,
        filter,
        orderBy,
        having,
        limit);
  }

  /**
   * The question with its range's instants and what was found from the range (the splits' top
   * values) left out, but its {@link #window} kept: the same for every position of a moving range,
   * and across minutes in which the top values changed (order or membership), so its answer of a
   * moment ago can still be found; never the same for another range.
   */
  public QueryPlan shape() {
    return withSplits(splits.stream().map(s -> s.withValues(null)).toList())
        .over(new Interval(Instant.EPOCH, Instant.EPOCH, interval.zone()));
  }

  /** Whether its one row is its totals: no buckets, no splits, no {@code having}. */
  public boolean totalsOnly() {
    return !bucketed() && splits.isEmpty() && having == null;
  }

  public boolean bucketed() {
    return granularity != Granularity.ALL;
  }
}
