package io.canopy.stack.it.differential;

import io.canopy.stack.it.differential.MeasureDef.Aggregate;
import io.canopy.stack.it.differential.MeasureDef.Function;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measures the test asks for: the built-in ones (docs/query-api.md#measures) and each tenant's
 * custom ones. Every tenant defines the same names differently ({@code variant}), so an answer
 * computed with another tenant's definition, or with the old one after a change, shows.
 */
final class Measures {
  static final Aggregate EVENTS = sum("events", Metric.COUNT);
  static final Aggregate PURCHASES = sum("purchases", Metric.PURCHASES);
  static final Aggregate REVENUE = sum("revenue", Metric.REVENUE);
  static final Aggregate DURATION_TOTAL = sum("duration_ms_total", Metric.DURATION_MS_SUM);
  static final Aggregate DURATION_EVENTS = sum("duration_ms_events", Metric.DURATION_MS_COUNT);

  /** Built into every datasource of the {@code events} template. */
  static final List<MeasureDef> BUILTIN =
      List.of(
          EVENTS,
          sum("page_views", Metric.PAGE_VIEWS),
          sum("clicks", Metric.CLICKS),
          PURCHASES,
          REVENUE,
          new MeasureDef.Distinct("users"),
          new MeasureDef.Quantile("p50_duration_ms", 0.50),
          new MeasureDef.Quantile("p95_duration_ms", 0.95),
          new MeasureDef.Quantile("p99_duration_ms", 0.99),
          DURATION_TOTAL,
          DURATION_EVENTS,
          new MeasureDef.Ratio("avg_duration_ms", DURATION_TOTAL, DURATION_EVENTS, false),
          new MeasureDef.TopPages("top_pages"));

  private static final double[] BIG_ORDER = {49, 99, 0.25, 19.25};

  private Measures() {}

  private static Aggregate sum(String name, Metric metric) {
    return new Aggregate(name, Function.SUM, metric, null, false);
  }

  private static Aggregate custom(String name, Function f, Metric m, Filter filter) {
    return new Aggregate(name, f, m, filter, true);
  }

  /** {@code big_orders}: events of rolled-up rows with revenue of at least {@code atLeast}. */
  static Aggregate bigOrders(double atLeast) {
    return custom(
        "big_orders",
        Function.SUM,
        Metric.COUNT,
        new Filter.Range(Metric.REVENUE, null, atLeast, null, null));
  }

  /** Tenant {@code variant}'s first threshold of {@code big_orders}. */
  static double bigOrdersThreshold(int variant) {
    return BIG_ORDER[variant % BIG_ORDER.length];
  }

  /**
   * The custom measures of tenant {@code variant}, in the order they are created, with {@code
   * big_orders} (and the ratio that reads it) at {@code bigAtLeast}.
   */
  static List<MeasureDef> custom(int variant, double bigAtLeast) {
    Aggregate big = bigOrders(bigAtLeast);
    Aggregate minRevenue = custom("min_revenue", Function.MIN, Metric.REVENUE, null);
    Aggregate maxRevenue = custom("max_revenue", Function.MAX, Metric.REVENUE, null);
    Filter docs =
        variant % 2 == 0
            ? new Filter.Like(Dimension.PAGE, "/docs/", true)
            : new Filter.Like(Dimension.PAGE, "docs", false);
    List<MeasureDef> out = new ArrayList<>();
    out.add(big);
    out.add(
        custom(
            "mobile_views",
            Function.SUM,
            Metric.COUNT,
            new Filter.Junction(
                List.of(
                    new Filter.Equals(Dimension.DEVICE, "mobile"),
                    new Filter.Equals(Dimension.EVENT, "page_view")),
                true)));
    out.add(custom("docs_views", Function.SUM, Metric.COUNT, docs));
    out.add(
        custom(
            "odd_pages",
            Function.SUM,
            Metric.COUNT,
            new Filter.Like(Dimension.PAGE, "_b%", false)));
    out.add(minRevenue);
    out.add(maxRevenue);
    out.add(
        custom(
            "max_minute_duration",
            Function.MAX,
            Metric.DURATION_MS_SUM,
            new Filter.Null(Dimension.PAGE, false)));
    out.add(new MeasureDef.Ratio("revenue_per_purchase", REVENUE, PURCHASES, true));
    out.add(new MeasureDef.Ratio("big_order_share", big, PURCHASES, true));
    out.add(new MeasureDef.Ratio("min_over_max", minRevenue, maxRevenue, true));
    return out;
  }

  /** Every measure of tenant {@code variant} by name: built in, then its own. */
  static Map<String, MeasureDef> catalog(int variant, double bigAtLeast) {
    Map<String, MeasureDef> all = new LinkedHashMap<>();
    BUILTIN.forEach(m -> all.put(m.name(), m));
    custom(variant, bigAtLeast).forEach(m -> all.put(m.name(), m));
    return all;
  }
}
