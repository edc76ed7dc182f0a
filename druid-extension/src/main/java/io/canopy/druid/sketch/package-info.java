/**
 * Sketch aggregators Druid lacks: CPC distinct counts ({@code cpc}), Frequent Items heavy hitters
 * ({@code items}) and REQ relative-error quantiles ({@code req}). The families share the machinery
 * in {@code aggregation} (heap, buffer and vector aggregators over one accumulator), {@code input}
 * (reading raw and sketch columns) and {@code serde} (bytes, segments, JSON).
 */
package io.canopy.druid.sketch;
