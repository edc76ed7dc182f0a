package io.canopy.stack.it.differential;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A measure as the model computes it from rolled-up rows ({@link #compute}: the value Druid SQL
 * gives, nulls included) and what it expects of an answer from that ({@link #expect}), as SQL for
 * {@code /v1/sql}, and, for a custom one, its definition for {@code POST /v1/measures}. A new
 * measure is one more instance in {@link Measures}. Immutable.
 */
sealed interface MeasureDef {
  String name();

  /** The value Druid SQL computes over {@code rows} (null for SUM/MIN/MAX of no value). */
  Object compute(List<RolledRow> rows);

  /**
   * What an answer should show, given the values of the two snapshots ({@link Truth}).
   *
   * @param api as the query API shows it (a SUM of nothing is 0), else as Druid SQL does
   */
  Expect expect(Object low, Object high, boolean api);

  /** Whether rows can be ordered by it (every measure but a list). */
  default boolean orderable() {
    return true;
  }

  /** Whether it depends on how events were rolled up (a metric filter, a min or max). */
  default boolean rowSensitive() {
    return false;
  }

  /** Its value as Druid SQL of the test's own; false if the test writes none. */
  default boolean sql(SqlWriter out) {
    return false;
  }

  /** The custom measure's definition; null for a built-in one. */
  default ObjectNode definition() {
    return null;
  }

  enum Function {
    SUM,
    MIN,
    MAX
  }

  /** SUM, MIN or MAX of a metric over the rows {@code filter} keeps (null: every row). */
  record Aggregate(String name, Function function, Metric metric, Filter filter, boolean custom)
      implements MeasureDef {
    public Object compute(List<RolledRow> rows) {
      Double out = null;
      for (RolledRow r : rows) {
        Double v = metric.of(r);
        if (v == null || (filter != null && !Boolean.TRUE.equals(filter.test(r)))) {
          continue;
        }
        out =
            out == null
                ? v
                : switch (function) {
                  case SUM -> out + v;
                  case MIN -> Math.min(out, v);
                  case MAX -> Math.max(out, v);
                };
      }
      return out;
    }

    public Expect expect(Object low, Object high, boolean api) {
      Number a = shown((Double) low, api);
      Number b = shown((Double) high, api);
      if (a == null ? b == null : b != null && a.doubleValue() == b.doubleValue()) {
        return new Expect.Exact(a);
      }
      // Rows only get added (with non-negative numbers, for data that changes): sums and maxima
      // can only grow, minima can move either way.
      return function != Function.MIN && a != null && b != null
          ? new Expect.Between(a.doubleValue(), b.doubleValue())
          : new Expect.Unknown();
    }

    private Number shown(Double v, boolean api) {
      if (v == null) {
        return api && function == Function.SUM ? (Number) 0L : null;
      }
      return metric.integral() ? (Number) Math.round(v) : v;
    }

    public boolean rowSensitive() {
      return function != Function.SUM || (filter != null && filter.rowSensitive());
    }

    public boolean sql(SqlWriter out) {
      out.text(function.name() + "(").column(metric.column()).text(")");
      if (filter != null) {
        out.text(" FILTER (WHERE ");
        filter.sql(out);
        out.text(")");
      }
      return true;
    }

    public ObjectNode definition() {
      if (!custom) {
        return null;
      }
      ObjectNode d =
          JsonNodeFactory.instance
              .objectNode()
              .put("name", name)
              .put("aggregate", function.name().toLowerCase(java.util.Locale.ROOT))
              .put("column", metric.column());
      if (filter != null) {
        d.set("filter", filter.json());
      }
      return d;
    }
  }

  /** One aggregate divided by another, as a double; null where either is null or it is 0. */
  record Ratio(String name, Aggregate numerator, Aggregate denominator, boolean custom)
      implements MeasureDef {
    public Object compute(List<RolledRow> rows) {
      Double n = (Double) numerator.compute(rows);
      Double d = (Double) denominator.compute(rows);
      return n == null || d == null || d == 0 ? null : n / d;
    }

    public Expect expect(Object low, Object high, boolean api) {
      return java.util.Objects.equals(low, high)
          ? new Expect.Exact((Double) low)
          : new Expect.Unknown();
    }

    public boolean rowSensitive() {
      return numerator.rowSensitive() || denominator.rowSensitive();
    }

    public boolean sql(SqlWriter out) {
      out.text("(CAST(");
      numerator.sql(out);
      out.text(" AS DOUBLE) / NULLIF(");
      denominator.sql(out);
      out.text(", 0))");
      return true;
    }

    public ObjectNode definition() {
      if (!custom) {
        return null;
      }
      ObjectNode d = JsonNodeFactory.instance.objectNode().put("name", name);
      d.putObject("ratio")
          .put("numerator", numerator.name())
          .put("denominator", denominator.name());
      return d;
    }
  }

  /** Distinct users ({@code users_cpc}). */
  record Distinct(String name) implements MeasureDef {
    public Object compute(List<RolledRow> rows) {
      Set<String> users = new HashSet<>();
      rows.forEach(r -> users.addAll(r.users()));
      return (long) users.size();
    }

    public Expect expect(Object low, Object high, boolean api) {
      return new Expect.Distinct((Long) low, (Long) high);
    }

    public boolean sql(SqlWriter out) {
      out.text("APPROX_COUNT_DISTINCT_CPC(").column("users_cpc").text(")");
      return true;
    }
  }

  /** A duration quantile ({@code duration_ms_req}). */
  record Quantile(String name, double fraction) implements MeasureDef {
    public Object compute(List<RolledRow> rows) {
      return rows.stream()
          .flatMap(r -> r.durations().stream())
          .mapToDouble(Long::doubleValue)
          .sorted()
          .toArray();
    }

    public Expect expect(Object low, Object high, boolean api) {
      return Arrays.equals((double[]) low, (double[]) high)
          ? new Expect.Quantile((double[]) low, fraction, !api)
          : new Expect.Unknown();
    }

    public boolean sql(SqlWriter out) {
      out.text("APPROX_QUANTILE_REQ(").column("duration_ms_req").text(", " + fraction + ")");
      return true;
    }
  }

  /** The 10 most frequent pages ({@code pages_fi}). */
  record TopPages(String name) implements MeasureDef {
    public Object compute(List<RolledRow> rows) {
      Map<String, Long> counts = new HashMap<>();
      rows.forEach(r -> r.pages().forEach((p, n) -> counts.merge(p, n, Long::sum)));
      return counts;
    }

    @SuppressWarnings("unchecked")
    public Expect expect(Object low, Object high, boolean api) {
      return low.equals(high) ? new Expect.Top((Map<String, Long>) low, 10) : new Expect.Unknown();
    }

    public boolean orderable() {
      return false;
    }
  }
}
