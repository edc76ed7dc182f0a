package io.canopy.controlplane.query.measure;

import io.canopy.controlplane.query.measure.Measure.Aggregate;
import io.canopy.controlplane.query.measure.Measure.Function;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measures every datasource made from the {@code events} template has: counts by event type,
 * revenue, distinct users (CPC), duration quantiles (REQ) and average, top pages (Frequent Items).
 */
public final class BuiltinMeasures {
  /** The template's {@code pages_fi} {@code maxMapSize}. */
  static final int PAGES_MAP_SIZE = 256;

  private static final Map<String, Measure> ALL = new LinkedHashMap<>();

  static {
    for (Measure m :
        List.of(
            new Aggregate("events", Function.SUM, "count", null),
            sumOf("page_views"),
            sumOf("clicks"),
            sumOf("purchases"),
            new Aggregate("revenue", Function.SUM, "revenue", null),
            new Measure.Distinct("users", "users_cpc"),
            new Measure.Quantile("p50_duration_ms", "duration_ms_req", 0.50),
            new Measure.Quantile("p95_duration_ms", "duration_ms_req", 0.95),
            new Measure.Quantile("p99_duration_ms", "duration_ms_req", 0.99),
            new Aggregate("duration_ms_total", Function.SUM, "duration_ms_sum", null),
            new Aggregate("duration_ms_events", Function.SUM, "duration_ms_count", null),
            new Measure.Ratio("avg_duration_ms", "duration_ms_total", "duration_ms_events"),
            new Measure.TopItems("top_pages", "pages_fi", 10, PAGES_MAP_SIZE))) {
      ALL.put(m.name(), m);
    }
  }

  private BuiltinMeasures() {}

  /**
   * A count the template keeps as its own metric (the events of one type), so the measure is a
   * plain sum that the template's projection answers; a filtered sum of {@code count} would be the
   * same number, but Druid 33 never answers a filtered aggregator from a projection.
   */
  private static Measure sumOf(String column) {
    return new Aggregate(column, Function.SUM, column, null);
  }

  /** Every built-in measure, by name, in a stable order. */
  public static Map<String, Measure> all() {
    return java.util.Collections.unmodifiableMap(ALL);
  }

  public static boolean isBuiltin(String name) {
    return ALL.containsKey(name);
  }
}
