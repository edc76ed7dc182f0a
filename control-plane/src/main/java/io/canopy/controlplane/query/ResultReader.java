package io.canopy.controlplane.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.controlplane.query.QueryResult.Bounds;
import io.canopy.controlplane.query.QueryResult.Row;
import io.canopy.controlplane.query.measure.Measure;
import io.canopy.controlplane.query.model.Interval;
import io.canopy.controlplane.query.model.QueryModel;
import io.canopy.controlplane.query.sql.QueryPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Druid's rows (aliases {@code t}, {@code d0…}, {@code m0…}) back into named rows: each row dated
 * within the range ({@link Buckets}), every bucket of a time series present ({@link RowFill}), a
 * comparison's earlier values joined on bucket and split values, and the totals, merged from the
 * parts of a split range where their measures allow. Pure.
 */
final class ResultReader {
  private final QueryPlan plan;
  private final Instant incompleteFrom;

  /**
   * @param plan the question, over the range its answers cover
   * @param incompleteFrom buckets ending after this instant are marked incomplete
   */
  ResultReader(QueryPlan plan, Instant incompleteFrom) {
    this.plan = plan;
    this.incompleteFrom = incompleteFrom;
  }

  /** Rows as answered, and whether {@code limit} cut some. */
  record Rows(List<Row> rows, boolean truncated) {}

  /**
   * @param druidRows up to {@code limit + 1} rows (the one past the limit says the rows were cut)
   * @param earlierRows the comparison's rows, or null without a comparison
   * @param earlierRange the range the comparison's rows cover (null without one)
   * @param shift how much earlier the comparison's range is: its rows are matched with the rows
   *     this much later
   */
  Rows rows(JsonNode druidRows, JsonNode earlierRows, Interval earlierRange, Duration shift) {
    Earlier earlier = new Earlier();
    if (earlierRows != null) {
      ResultReader reader = new ResultReader(plan.over(earlierRange), incompleteFrom);
      int i = 0;
      for (JsonNode r : earlierRows) {
        Row row = reader.row(r, null, true);
        Instant time = row.time() == null ? null : row.time().plus(shift);
        if (i++ < QueryModel.MAX_LIMIT) {
          earlier.rows.put(key(time, row), row);
        } else if (earlier.cutFrom == null) {
          earlier.cutFrom = time == null ? Instant.MIN : time;
        }
      }
    }
    List<Row> rows = new ArrayList<>();
    for (JsonNode r : druidRows) {
      Row current = row(r, null, true);
      rows.add(earlierRows == null ? current : compared(current, earlier));
    }
    RowFill fill = new RowFill(plan, this::emptyRow);
    return fill.apply(rows, earlierRows == null ? null : row -> compared(row, earlier));
  }

  /**
   * The totals, and the comparison's totals ({@code earlierRow}: missing if it has none, null
   * without a comparison).
   */
  Row totals(JsonNode druidRow, JsonNode earlierRow) {
    Row previous = earlierRow == null ? null : row(earlierRow, null, false);
    return row(druidRow, previous, false);
  }

  /**
   * One totals row of the parts of a range, each a row of sums, minima and maxima (or missing):
   * sums add, minima and maxima compare, null is no value. Exact, as no part shares a row with
   * another.
   */
  static JsonNode merge(QueryPlan plan, List<JsonNode> parts) {
    ObjectNode into = JsonNodeFactory.instance.objectNode();
    for (JsonNode row : parts) {
      for (int i = 0; i < plan.measures().size(); i++) {
        String alias = "m" + i;
        JsonNode a = into.path(alias);
        JsonNode b = row.path(alias);
        if (b.isNull() || b.isMissingNode()) {
          continue;
        }
        if (a.isNull() || a.isMissingNode()) {
          into.set(alias, b);
          continue;
        }
        Measure.Function f = ((Measure.Aggregate) plan.measures().get(i)).function();
        double x = a.asDouble();
        double y = b.asDouble();
        double v =
            f == Measure.Function.SUM
                ? x + y
                : f == Measure.Function.MIN ? Math.min(x, y) : Math.max(x, y);
        if (a.isIntegralNumber() && b.isIntegralNumber()) {
          into.put(alias, (long) v);
        } else {
          into.put(alias, v);
        }
      }
    }
    return into;
  }

  /**
   * A comparison's rows by (time shifted to the current range, split values); {@code cutFrom}:
   * where the limit cut them (the comparison is asked for up to {@link QueryModel#MAX_LIMIT} rows),
   * null if it did not.
   */
  private static final class Earlier {
    final Map<List<Object>, Row> rows = new HashMap<>();
    Instant cutFrom;
  }

  /**
   * {@code current} with its earlier values: the comparison's row, or where it has none the values
   * over no rows; none at all where the comparison's rows were cut before they could tell.
   */
  private Row compared(Row current, Earlier earlier) {
    Row before = earlier.rows.get(key(current.time(), current));
    if (before == null
        && earlier.cutFrom != null
        && (current.time() == null || !current.time().isBefore(earlier.cutFrom))) {
      return current;
    }
    Row previous = before != null ? before : emptyRow(current.time(), current.dimensions());
    return with(current, previous);
  }

  private static List<Object> key(Instant time, Row row) {
    List<Object> key = new ArrayList<>();
    key.add(time);
    key.addAll(row.dimensions().values());
    return key;
  }

  /** A bucket's row with no data: every measure at its empty value. */
  private Row emptyRow(Instant time, Map<String, String> dimensions) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Measure m : plan.measures()) {
      values.put(m.name(), MeasureValues.empty(m));
    }
    return new Row(
        time, dimensions, values, Map.of(), Map.of(), Map.of(), Map.of(), incomplete(time, true));
  }

  /**
   * @param bucket whether the row is one of the rows (a bucket's and split values'), not the
   *     totals, which have neither
   */
  private Row row(JsonNode r, Row previous, boolean bucket) {
    Instant time =
        bucket && plan.bucketed()
            ? Buckets.time(DruidTime.parse(r.path("t").asText()), plan.interval())
            : null;
    Map<String, String> dims = new LinkedHashMap<>();
    for (int i = 0; bucket && i < plan.splits().size(); i++) {
      JsonNode d = r.path("d" + i);
      dims.put(
          plan.splits().get(i).dimension(), d.isNull() || d.isMissingNode() ? null : d.asText());
    }
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Bounds> bounds = new LinkedHashMap<>();
    for (int i = 0; i < plan.measures().size(); i++) {
      Measure m = plan.measures().get(i);
      Object v = MeasureValues.value(m, r.path("m" + i));
      values.put(m.name(), v);
      Bounds b = v == null ? null : MeasureValues.bounds(m, r, "m" + i);
      if (b != null) {
        bounds.put(m.name(), b);
      }
    }
    Row read =
        new Row(time, dims, values, bounds, Map.of(), Map.of(), Map.of(), incomplete(time, bucket));
    return previous == null ? read : with(read, previous);
  }

  /**
   * {@code current} with {@code previous}'s values as its earlier ones: the change where both are
   * numbers, and the relative change where the earlier one is not 0.
   */
  private static Row with(Row current, Row previous) {
    Map<String, Object> before = new LinkedHashMap<>();
    Map<String, Double> delta = new LinkedHashMap<>();
    Map<String, Double> ratio = new LinkedHashMap<>();
    for (Map.Entry<String, Object> v : current.values().entrySet()) {
      Object p = previous.values().get(v.getKey());
      before.put(v.getKey(), p);
      if (v.getValue() instanceof Number now && p instanceof Number was) {
        double d = now.doubleValue() - was.doubleValue();
        delta.put(v.getKey(), d);
        if (was.doubleValue() != 0) {
          ratio.put(v.getKey(), d / Math.abs(was.doubleValue()));
        }
      }
    }
    return new Row(
        current.time(),
        current.dimensions(),
        current.values(),
        current.bounds(),
        before,
        delta,
        ratio,
        current.incomplete());
  }

  private boolean incomplete(Instant time, boolean bucket) {
    Instant end =
        bucket && plan.bucketed()
            ? Buckets.end(time, plan.interval(), plan.granularity())
            : plan.interval().end();
    return end.isAfter(incompleteFrom);
  }
}
