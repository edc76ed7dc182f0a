package io.canopy.controlplane.query.model;

import java.util.List;

/**
 * One question, as JSON, for dashboards, alerts and explore alike (version 1): measures by name
 * over a time range, split by dimensions, filtered, bucketed, compared with an earlier range.
 * Fields left out take their defaults: {@code datasource} {@code events}, no split, no filter,
 * {@code granularity} {@code all}, {@code limit} 1,000. Immutable; checked when compiled.
 */
public record QueryModel(
    Integer version,
    String datasource,
    List<String> measures,
    List<Split> splits,
    Filter filter,
    TimeRange range,
    String granularity,
    Compare compare,
    OrderBy orderBy,
    Integer limit,
    Having having) {
  public static final int VERSION = 1;
  public static final String POOLED = "events";
  public static final int DEFAULT_LIMIT = 1_000;
  public static final int MAX_LIMIT = 10_000;

  public String datasourceOrDefault() {
    return datasource == null ? POOLED : datasource;
  }

  public List<Split> splitsOrNone() {
    return splits == null ? List.of() : splits;
  }

  /** The granularity asked ({@code all} if none); a 400 naming the field if it is none of them. */
  public Granularity granularityOrDefault() {
    return granularity == null ? Granularity.ALL : Granularity.of(granularity);
  }

  public int limitOrDefault() {
    return limit == null ? DEFAULT_LIMIT : limit;
  }
}
