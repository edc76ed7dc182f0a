package io.canopy.stack.bench;

import java.util.List;

/** Nearest-rank percentiles of a sample of durations in milliseconds. */
record Percentiles(int count, double p50, double p95, double p99, double max) {

  static Percentiles of(List<Double> millis) {
    double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new Percentiles(
        sorted.length,
        rank(sorted, 50),
        rank(sorted, 95),
        rank(sorted, 99),
        sorted[sorted.length - 1]);
  }

  private static double rank(double[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  @Override
  public String toString() {
    return String.format(
        "n=%d  p50 %.0f ms  p95 %.0f ms  p99 %.0f ms  max %.0f ms", count, p50, p95, p99, max);
  }
}
