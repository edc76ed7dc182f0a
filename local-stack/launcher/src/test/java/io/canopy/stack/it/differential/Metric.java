package io.canopy.stack.it.differential;

import java.util.Locale;

/**
 * The numeric columns of the {@code events} datasource, as its metricsSpec rolls events up
 * (ingestion-specs/events/supervisor.json): counts are never null; {@code doubleSum}s of no value
 * are null, as Druid stores them with SQL-compatible nulls. A {@code range} filter or a custom
 * measure on one reads a rolled-up row's value.
 */
enum Metric {
  COUNT,
  PAGE_VIEWS,
  CLICKS,
  PURCHASES,
  REVENUE,
  DURATION_MS_SUM,
  DURATION_MS_COUNT;

  String column() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the column holds whole numbers (a SUM of it is a JSON integer). */
  boolean integral() {
    return this != REVENUE && this != DURATION_MS_SUM;
  }

  /** This column's value in a rolled-up row; null for a sum of no value. */
  Double of(RolledRow row) {
    return switch (this) {
      case COUNT -> (double) row.count();
      case PAGE_VIEWS -> (double) row.countOf("page_view");
      case CLICKS -> (double) row.countOf("click");
      case PURCHASES -> (double) row.countOf("purchase");
      case REVENUE -> row.revenue();
      case DURATION_MS_SUM -> row.durationSum();
      case DURATION_MS_COUNT -> (double) row.durations().size();
    };
  }
}
