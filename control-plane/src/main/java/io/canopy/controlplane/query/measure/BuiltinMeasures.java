package io.canopy.controlplane.query.measure;

import io.canopy.controlplane.query.measure.Measure.Aggregate;
import io.canopy.controlplane.query.measure.Measure.Function;
import io.canopy.controlplane.query.model.Filter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measures every datasource made from the {@code events} template has: counts by event type,
 * revenue, distinct users (CPC), duration quantiles (REQ) and average, top pages (Frequent Items).
 */
public final class BuiltinMeasures {
  private static final Map<String, Measure> ALL = new LinkedHashMap<>();

  static {
    for (Measure m :
        List.of(
            new Aggregate("events", Function.SUM, "count", null),
            countOf("page_views", "page_view"),
            countOf("clicks", "click"),
            countOf("purchases", "purchase"),
            new Aggregate("revenue", Function.SUM, "revenue", null),
            new Measure.Distinct("users", "users_cpc"),
            new Measure.Quantile("p50_duration_ms", "duration_ms_req", 0.50),
            new Measure.Quantile("p95_duration_ms", "duration_ms_req", 0.95),
            new Measure.Quantile("p99_duration_ms", "duration_ms_req", 0.99),
            new Aggregate("duration_ms_total", Function.SUM, "duration_ms_sum", null),
            new Aggregate("duration_ms_events", Function.SUM, "duration_ms_count", null),
            new Measure.Ratio("avg_duration_ms", "duration_ms_total", "duration_ms_events"),
            new Measure.TopItems("top_pages", "pages_fi", 10))) {
      ALL.put(m.name(), m);
    }
  }

  private BuiltinMeasures() {}

  private static Measure countOf(String name, String event) {
    return new Aggregate(name, Function.SUM, "count", new Filter.Equals("event", event));
  }

  /** Every built-in measure, by name, in a stable order. */
  public static Map<String, Measure> all() {
    return java.util.Collections.unmodifiableMap(ALL);
  }

  public static boolean isBuiltin(String name) {
    return ALL.containsKey(name);
  }
}
