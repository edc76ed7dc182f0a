package io.canopy.stack.it.differential;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the model expects of one measure's value in one row: exactly a number (or null), a number
 * between two snapshots of changing data, or an estimate of a sketch within its stated error.
 * {@link #mismatch} says how an answer's value (and bounds) differs, or null when it holds.
 * Immutable.
 */
sealed interface Expect {
  /** CPC's relative standard error at lgK 11 (0.693 / sqrt(2048)), for bounds an answer lacks. */
  double CPC_RSE = 0.0153;

  /** REQ's relative standard error of a rank per unit of (1 - rank), at k 12, high-rank mode. */
  double REQ_RSE = Math.sqrt(0.0512 / 3) / 12;

  /** At most this many values, a merged REQ sketch (k 12) keeps them all and is exact. */
  int REQ_EXACT_UP_TO = 64;

  /** Null when {@code value} (with {@code bounds}, possibly missing) holds; else the difference. */
  String mismatch(JsonNode value, JsonNode bounds);

  /** The smallest and largest value the truth may have, for order and having; null if unknown. */
  double[] range();

  /** Nothing to check (a non-monotone value of data that changed while it was asked). */
  record Unknown() implements Expect {
    public String mismatch(JsonNode value, JsonNode bounds) {
      return null;
    }

    public double[] range() {
      return null;
    }
  }

  /** Exactly this number, or null. */
  record Exact(Number value) implements Expect {
    public String mismatch(JsonNode v, JsonNode bounds) {
      if (value == null) {
        return v == null || v.isNull() || v.isMissingNode() ? null : "expected null, got " + v;
      }
      if (v == null || !v.isNumber()) {
        return "expected " + value + ", got " + v;
      }
      double want = value.doubleValue();
      return Math.abs(v.asDouble() - want) <= 1e-9 * Math.max(1, Math.abs(want))
          ? null
          : "expected " + value + ", got " + v;
    }

    public double[] range() {
      return value == null ? null : new double[] {value.doubleValue(), value.doubleValue()};
    }
  }

  /** A monotone value of changing data: between what the two snapshots give. */
  record Between(double low, double high) implements Expect {
    public String mismatch(JsonNode v, JsonNode bounds) {
      if (v == null || !v.isNumber()) {
        return "expected a number in [" + low + ", " + high + "], got " + v;
      }
      double x = v.asDouble();
      double eps = 1e-9 * Math.max(1, Math.abs(high));
      return x >= low - eps && x <= high + eps
          ? null
          : "expected a number in [" + low + ", " + high + "], got " + v;
    }

    public double[] range() {
      return new double[] {low, high};
    }
  }

  /**
   * Distinct users (CPC, lgK 11), truly {@code low}..{@code high}. The answer's bounds are 2
   * standard deviations; at these cardinalities (tens of users) two users' coupons collide with
   * chance 1/6144 per pair, and the estimate then reads one low with an interval too narrow to
   * cover it. So the estimate may be off by the bounds' width plus two collisions.
   */
  record Distinct(long low, long high) implements Expect {
    public String mismatch(JsonNode v, JsonNode bounds) {
      if (v == null || !v.isNumber()) {
        return "expected about " + low + (low == high ? "" : ".." + high) + " users, got " + v;
      }
      double x = v.asDouble();
      double tol = tolerance(bounds);
      if (bounds != null && bounds.has("lower") && high > 0) {
        if (x < bounds.path("lower").asDouble() - 1e-9
            || x > bounds.path("upper").asDouble() + 1e-9) {
          return "estimate " + x + " outside its own bounds " + bounds;
        }
      }
      return x >= low - tol && x <= high + tol
          ? null
          : "expected "
              + low
              + (low == high ? "" : ".." + high)
              + " users (± "
              + tol
              + "), got "
              + x;
    }

    private double tolerance(JsonNode bounds) {
      if (high == 0) {
        return 0;
      }
      if (bounds != null && bounds.has("lower") && bounds.has("upper")) {
        return 2 + bounds.path("upper").asDouble() - bounds.path("lower").asDouble();
      }
      return 2 + 4 * CPC_RSE * high;
    }

    public double[] range() {
      double tol = high == 0 ? 0 : 2 + 4 * CPC_RSE * high;
      return new double[] {low - tol, high + tol};
    }
  }

  /**
   * A REQ quantile of {@code sample} (sorted). Exact (INCLUSIVE: the smallest value whose share of
   * values at or below it reaches the fraction) while the sketch keeps every value; beyond that,
   * the answer's value must lie at a true rank within 4 standard errors of the fraction, or the
   * true quantile within the answer's bounds. No value: null (never "NaN").
   */
  record Quantile(double[] sample, double fraction, boolean nanAllowed) implements Expect {
    public String mismatch(JsonNode v, JsonNode bounds) {
      if (sample.length == 0) {
        boolean none = v == null || v.isNull() || v.isMissingNode();
        boolean nan =
            v != null && (v.asText().equals("NaN") || (v.isNumber() && Double.isNaN(v.asDouble())));
        return none || (nanAllowed && nan) ? null : "expected null (no values), got " + v;
      }
      if (v == null || !v.isNumber()) {
        return "expected about " + truth() + ", got " + v;
      }
      double x = v.asDouble();
      if (sample.length <= REQ_EXACT_UP_TO) {
        return x == truth()
            ? null
            : "expected exactly " + truth() + " of " + sample.length + ", got " + x;
      }
      int below = 0;
      int atOrBelow = 0;
      for (double s : sample) {
        below += s < x ? 1 : 0;
        atOrBelow += s <= x ? 1 : 0;
      }
      double tol = 4 * REQ_RSE * (1 - fraction) + 1.0 / sample.length;
      boolean rankOk =
          (double) below / sample.length <= fraction + tol
              && (double) atOrBelow / sample.length >= fraction - tol;
      boolean inBounds =
          bounds != null
              && bounds.has("lower")
              && bounds.path("lower").asDouble() <= truth()
              && truth() <= bounds.path("upper").asDouble();
      return rankOk || inBounds
          ? null
          : "expected about " + truth() + " (rank " + fraction + "), got " + x;
    }

    /** The exact quantile of the sample. */
    double truth() {
      double r = fraction * sample.length;
      if (Math.abs(r - Math.rint(r)) < 1e-9) {
        r = Math.rint(r);
      }
      return sample[(int) Math.max(1, Math.ceil(r)) - 1];
    }

    public double[] range() {
      return sample.length == 0 || sample.length > REQ_EXACT_UP_TO
          ? null
          : new double[] {truth(), truth()};
    }
  }

  /** Frequent Items' top {@code k} of exact counts (exact at these few pages). */
  record Top(Map<String, Long> counts, int k) implements Expect {
    public String mismatch(JsonNode v, JsonNode bounds) {
      if (v == null || !v.isArray()) {
        return "expected a list of items, got " + v;
      }
      if (v.size() != Math.min(k, counts.size())) {
        return "expected " + Math.min(k, counts.size()) + " items of " + counts + ", got " + v;
      }
      Set<String> listed = new HashSet<>();
      long lowestListed = Long.MAX_VALUE;
      for (JsonNode item : v) {
        String name = item.path("item").asText();
        Long truth = counts.get(name);
        if (truth == null
            || item.path("estimate").asLong() != truth
            || item.path("lowerBound").asLong() > truth
            || item.path("upperBound").asLong() < truth) {
          return "item " + item + " but the counts are " + counts;
        }
        listed.add(name);
        lowestListed = Math.min(lowestListed, truth);
      }
      for (Map.Entry<String, Long> c : counts.entrySet()) {
        if (!listed.contains(c.getKey()) && c.getValue() > lowestListed) {
          return "left out " + c + " but listed " + v;
        }
      }
      return null;
    }

    public double[] range() {
      return null;
    }
  }

  /** Any one of several (e.g. a value with or without {@code having} applied to it). */
  record AnyOf(List<Expect> options) implements Expect {
    public String mismatch(JsonNode v, JsonNode bounds) {
      String first = null;
      for (Expect e : options) {
        String m = e.mismatch(v, bounds);
        if (m == null) {
          return null;
        }
        first = first == null ? m : first;
      }
      return first;
    }

    public double[] range() {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (Expect e : options) {
        double[] r = e.range();
        if (r == null) {
          return null;
        }
        lo = Math.min(lo, r[0]);
        hi = Math.max(hi, r[1]);
      }
      return new double[] {lo, hi};
    }
  }
}
