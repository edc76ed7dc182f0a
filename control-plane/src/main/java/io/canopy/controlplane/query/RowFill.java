package io.canopy.controlplane.query;

import io.canopy.controlplane.query.QueryResult.Row;
import io.canopy.controlplane.query.sql.QueryPlan;
import io.canopy.controlplane.query.sql.RowOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A time series' rows with every bucket there: Druid answers only the buckets that hold rows, so a
 * chart would draw a straight line across an hour without events. For a bucketed query without
 * {@code having}, every combination of split values the answer holds (one, without splits) gets a
 * row in every bucket of the range, an empty bucket's measures at their empty values, placed in the
 * bucket by the query's {@link RowOrder}. Then the rows are cut at {@code limit}. When Druid's rows
 * were cut (it answered the one row past the limit), the bucket that row is in may be partial: its
 * rows are kept as Druid ordered them, with none added, and nothing after it is. With {@code
 * having}, or without buckets, rows are only cut. Pure.
 */
final class RowFill {
  private final QueryPlan plan;
  private final BiFunction<Instant, Map<String, String>, Row> empty;

  /**
   * @param empty a bucket's row with no data, for its time and split values
   */
  RowFill(QueryPlan plan, BiFunction<Instant, Map<String, String>, Row> empty) {
    this.plan = plan;
    this.empty = empty;
  }

  /**
   * @param rows Druid's rows in its order, up to {@code limit + 1}
   * @param compare adds the comparison's values to a row added here; null without a comparison
   */
  ResultReader.Rows apply(List<Row> rows, UnaryOperator<Row> compare) {
    int limit = plan.limit();
    boolean cut = rows.size() > limit;
    if (!plan.bucketed() || plan.having() != null) {
      return new ResultReader.Rows(List.copyOf(rows.subList(0, Math.min(limit, rows.size()))), cut);
    }
    Instant partial = cut ? rows.get(limit).time() : null;
    Map<Instant, List<Row>> byTime = new LinkedHashMap<>();
    Set<Map<String, String>> combinations = new LinkedHashSet<>();
    if (plan.splits().isEmpty()) {
      combinations.add(Map.of());
    }
    for (Row r : rows.subList(0, Math.min(limit, rows.size()))) {
      byTime.computeIfAbsent(r.time(), t -> new ArrayList<>()).add(r);
      combinations.add(r.dimensions());
    }
    List<Row> out = new ArrayList<>();
    Comparator<Row> order = order();
    for (Instant time : Buckets.of(plan.interval(), plan.granularity())) {
      List<Row> bucket = new ArrayList<>(byTime.getOrDefault(time, List.of()));
      if (partial != null && !time.isBefore(partial)) {
        out.addAll(bucket);
        break;
      }
      Set<Map<String, String>> present = new LinkedHashSet<>();
      bucket.forEach(r -> present.add(r.dimensions()));
      for (Map<String, String> c : combinations) {
        if (!present.contains(c)) {
          Row added = empty.apply(time, c);
          insert(bucket, compare == null ? added : compare.apply(added), order);
        }
      }
      out.addAll(bucket);
      if (out.size() > limit) {
        break;
      }
    }
    boolean truncated = cut || out.size() > limit;
    return new ResultReader.Rows(
        List.copyOf(out.subList(0, Math.min(limit, out.size()))), truncated);
  }

  /** Puts {@code row} before the first of {@code bucket}'s rows it orders before. */
  private static void insert(List<Row> bucket, Row row, Comparator<Row> order) {
    int at = 0;
    while (at < bucket.size() && order.compare(bucket.get(at), row) <= 0) {
      at++;
    }
    bucket.add(at, row);
  }

  /** The order of rows within a bucket; a missing value (null) orders before any other. */
  private Comparator<Row> order() {
    RowOrder o = RowOrder.of(plan);
    Comparator<Row> by;
    if (o.split() < 0 && o.measure() < 0) {
      return (a, b) -> 0; // one row a bucket
    } else if (o.split() >= 0) {
      String dim = plan.splits().get(o.split()).dimension();
      by =
          Comparator.comparing(
              (Row r) -> r.dimensions().get(dim), Comparator.nullsFirst(Comparator.naturalOrder()));
    } else {
      String measure = plan.measures().get(o.measure()).name();
      by =
          Comparator.comparing(
              (Row r) -> number(r.values().get(measure)),
              Comparator.nullsFirst(Comparator.naturalOrder()));
    }
    return o.descending() ? by.reversed() : by;
  }

  private static Double number(Object v) {
    return v instanceof Number n ? n.doubleValue() : null;
  }
}
