package io.canopy.stack.bench;

import java.util.List;

/**
 * The query benchmark's questions, as {@code POST /v1/query} models: a six-widget dashboard over
 * the last 7 days (a time series, KPI totals with distinct users, a top-10 split, latency quantiles
 * by hour, the top pages, and a two-level split under a filter) and a 90-day trend.
 */
final class QueryDashboard {
  record Widget(String name, String model) {}

  static final List<Widget> SEVEN_DAYS =
      List.of(
          new Widget(
              "traffic by hour",
              "{\"measures\":[\"events\",\"page_views\"],"
                  + "\"range\":{\"relative\":\"last 7d\"},\"granularity\":\"hour\"}"),
          new Widget(
              "KPIs",
              "{\"measures\":[\"events\",\"purchases\",\"revenue\",\"users\",\"avg_duration_ms\"],"
                  + "\"range\":{\"relative\":\"last 7d\"}}"),
          new Widget(
              "top 10 countries",
              "{\"measures\":[\"page_views\",\"users\"],"
                  + "\"splits\":[{\"dimension\":\"country\",\"limit\":10}],"
                  + "\"range\":{\"relative\":\"last 7d\"}}"),
          new Widget(
              "latency by hour",
              "{\"measures\":[\"p50_duration_ms\",\"p95_duration_ms\",\"p99_duration_ms\"],"
                  + "\"range\":{\"relative\":\"last 7d\"},\"granularity\":\"hour\"}"),
          new Widget(
              "top pages", "{\"measures\":[\"top_pages\"],\"range\":{\"relative\":\"last 7d\"}}"),
          new Widget(
              "US devices x event by day",
              "{\"measures\":[\"events\"],"
                  + "\"splits\":[{\"dimension\":\"device\",\"limit\":5},"
                  + "{\"dimension\":\"event\",\"limit\":5}],"
                  + "\"filter\":{\"type\":\"equals\",\"dimension\":\"country\",\"value\":\"US\"},"
                  + "\"range\":{\"relative\":\"last 7d\"},\"granularity\":\"day\"}"));

  static final Widget NINETY_DAYS =
      new Widget(
          "90-day trend",
          "{\"measures\":[\"events\",\"users\"],"
              + "\"range\":{\"relative\":\"last 90d\"},\"granularity\":\"day\"}");

  private QueryDashboard() {}
}
