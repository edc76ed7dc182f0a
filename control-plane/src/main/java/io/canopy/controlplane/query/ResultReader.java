package io.canopy.controlplane.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.controlplane.query.QueryResult.Bounds;
import io.canopy.controlplane.query.QueryResult.Row;
import io.canopy.controlplane.query.measure.Measure;
import io.canopy.controlplane.query.sql.QueryPlan;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Druid's rows (aliases {@code t}, {@code d0…}, {@code m0…}) back into named rows, with a
 * comparison's earlier values joined on bucket and split values. Pure.
 */
final class ResultReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final QueryPlan plan;
  private final Instant incompleteFrom;

  /**
   * @param incompleteFrom buckets ending after this instant are marked incomplete
   */
  ResultReader(QueryPlan plan, Instant incompleteFrom) {
    this.plan = plan;
    this.incompleteFrom = incompleteFrom;
  }

  List<Row> rows(JsonNode druidRows, JsonNode earlierRows, Duration shift) {
    Map<List<Object>, Row> earlier = new HashMap<>();
    if (earlierRows != null) {
      for (JsonNode r : earlierRows) {
        Row row = row(r, null, true);
        earlier.put(key(row.time() == null ? null : row.time().plus(shift), row), row);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (JsonNode r : druidRows) {
      Row current = row(r, null, true);
      rows.add(
          earlierRows == null ? current : row(r, earlier.get(key(current.time(), current)), true));
    }
    return rows;
  }

  Row totals(JsonNode druidRow, JsonNode earlierRow) {
    Row previous = earlierRow == null ? null : row(earlierRow, null, false);
    return row(druidRow, previous, false);
  }

  private static List<Object> key(Instant time, Row row) {
    List<Object> key = new ArrayList<>();
    key.add(time);
    key.addAll(row.dimensions().values());
    return key;
  }

  /**
   * @param bucket whether the row is one bucket's ({@code t}), not the totals
   */
  private Row row(JsonNode r, Row previous, boolean bucket) {
    Instant time = bucket && plan.bucketed() ? DruidTime.parse(r.path("t").asText()) : null;
    Map<String, String> dims = new LinkedHashMap<>();
    for (int i = 0; i < plan.splits().size(); i++) {
      JsonNode d = r.path("d" + i);
      dims.put(
          plan.splits().get(i).dimension(), d.isNull() || d.isMissingNode() ? null : d.asText());
    }
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Bounds> bounds = new LinkedHashMap<>();
    for (int i = 0; i < plan.measures().size(); i++) {
      Measure m = plan.measures().get(i);
      values.put(m.name(), value(m, r.path("m" + i)));
      Bounds b = bounds(m, r, "m" + i);
      if (b != null) {
        bounds.put(m.name(), b);
      }
    }
    Map<String, Object> before = new LinkedHashMap<>();
    Map<String, Double> delta = new LinkedHashMap<>();
    Map<String, Double> ratio = new LinkedHashMap<>();
    if (previous != null) {
      for (Map.Entry<String, Object> v : values.entrySet()) {
        Object p = previous.values().get(v.getKey());
        before.put(v.getKey(), p);
        if (v.getValue() instanceof Number now && (p == null || p instanceof Number)) {
          double was = p == null ? 0 : ((Number) p).doubleValue();
          delta.put(v.getKey(), now.doubleValue() - was);
          if (was != 0) {
            ratio.put(v.getKey(), (now.doubleValue() - was) / Math.abs(was));
          }
        }
      }
    }
    return new Row(time, dims, values, bounds, before, delta, ratio, incomplete(time, bucket));
  }

  private boolean incomplete(Instant time, boolean bucket) {
    Instant end =
        bucket && plan.bucketed() ? time.plus(plan.granularity().width()) : plan.interval().end();
    return end.isAfter(incompleteFrom);
  }

  /** A measure's value: a number (a sum of nothing is 0), or the top items as JSON. */
  private static Object value(Measure m, JsonNode v) {
    if (m instanceof Measure.TopItems) {
      return parsed(v);
    }
    if (v.isNull() || v.isMissingNode()) {
      return m instanceof Measure.Aggregate a && a.function() == Measure.Function.SUM ? 0L : null;
    }
    return v.isIntegralNumber() ? (Object) v.asLong() : (Object) v.asDouble();
  }

  private static Bounds bounds(Measure m, JsonNode r, String alias) {
    if (m instanceof Measure.Distinct) {
      JsonNode b = parsed(r.path(alias + "_b"));
      return b.size() == 3 ? new Bounds(b.get(1).asDouble(), b.get(2).asDouble()) : null;
    }
    if (m instanceof Measure.Quantile) {
      JsonNode lo = r.path(alias + "_lo");
      JsonNode hi = r.path(alias + "_hi");
      return lo.isNumber() && hi.isNumber() ? new Bounds(lo.asDouble(), hi.asDouble()) : null;
    }
    return null;
  }

  /** Druid sends arrays and JSON columns either as JSON or as their text. */
  private static JsonNode parsed(JsonNode v) {
    if (!v.isTextual()) {
      return v;
    }
    try {
      return JSON.readTree(v.asText());
    } catch (IOException e) {
      return v;
    }
  }
}
