package io.canopy.stack.it.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random filters for questions: every type, nested up to three levels, with values that occur,
 * values that don't, literal wildcards, contradictions ({@code country = JP and country = GB}) and
 * the negated contradiction Druid 33 cannot plan as is (issue 32; the query API folds it first, so
 * only questions to it get one: SQL of the test's own goes to Druid as written). {@code range} on a
 * metric only for tenants whose rows are settled: it reads a rolled-up row's value.
 */
final class Filters {
  private static final String[] PARTS = {
    "docs", "/p/", "_b%", "o", "spring", "goo", "mob", "ES", "%"
  };
  private static final String[] PREFIXES = {"/docs/", "/p", "https://", "d", "pa", "10."};

  Filter random(Random r, Tenant t, int depth) {
    return random(r, t, depth, true);
  }

  /** A filter with no contradiction in it, for the test's own SQL. */
  Filter plannable(Random r, Tenant t) {
    return random(r, t, 0, false);
  }

  private Filter random(Random r, Tenant t, int depth, boolean contradictions) {
    int kind = r.nextInt(depth >= 2 ? 9 : 14);
    if (kind == 8 && !contradictions) {
      kind = 0;
    }
    return switch (kind) {
      case 0, 1 -> equals(r, t);
      case 2 -> {
        Dimension d = dimension(r);
        List<String> values = new ArrayList<>();
        for (int i = 1 + r.nextInt(3); i > 0; i--) {
          values.add(value(r, d, t));
        }
        yield new Filter.In(d, values);
      }
      case 3 -> new Filter.Like(dimension(r), PARTS[r.nextInt(PARTS.length)], false);
      case 4 ->
          new Filter.Like(
              dimension(r),
              r.nextBoolean() ? PREFIXES[r.nextInt(PREFIXES.length)] : t.slug() + "-s",
              true);
      case 5 -> t.live() ? equals(r, t) : range(r);
      case 6 -> new Filter.Null(dimension(r), true);
      case 7 -> new Filter.Null(dimension(r), false);
      case 8 -> contradiction(r);
      case 9, 10 -> new Filter.Not(random(r, t, depth + 1, contradictions));
      default -> {
        List<Filter> parts = new ArrayList<>();
        for (int i = 2 + r.nextInt(2); i > 0; i--) {
          parts.add(random(r, t, depth + 1, contradictions));
        }
        yield new Filter.Junction(parts, r.nextBoolean());
      }
    };
  }

  Filter.Equals equals(Random r, Tenant t) {
    Dimension d = dimension(r);
    return new Filter.Equals(d, value(r, d, t));
  }

  /** {@code country = JP and country = GB} (never true), sometimes with more, sometimes negated. */
  private static Filter contradiction(Random r) {
    List<Filter> parts = new ArrayList<>();
    parts.add(new Filter.Equals(Dimension.COUNTRY, "JP"));
    parts.add(new Filter.Equals(Dimension.COUNTRY, "GB"));
    if (r.nextBoolean()) {
      parts.add(new Filter.Equals(Dimension.DEVICE, "mobile"));
    }
    Filter and = new Filter.Junction(parts, true);
    return r.nextBoolean() ? new Filter.Not(and) : and;
  }

  private static Filter range(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> new Filter.Range(Metric.COUNT, null, 2.0, null, null);
      case 1 -> new Filter.Range(Metric.REVENUE, 20.0, null, null, null);
      case 2 -> new Filter.Range(Metric.REVENUE, null, null, 0.0, null);
      case 3 -> new Filter.Range(Metric.DURATION_MS_SUM, null, 1000.0, null, 20000.0);
      default -> new Filter.Range(Metric.PAGE_VIEWS, null, 1.0, null, null);
    };
  }

  private static Dimension dimension(Random r) {
    return Dimension.values()[r.nextInt(Dimension.values().length)];
  }

  /** A stored value of {@code d}, or one that never occurs. */
  private static String value(Random r, Dimension d, Tenant t) {
    if (r.nextInt(8) == 0) {
      return "ZZ";
    }
    List<String> values = EventGenerator.storedValues(d, t);
    return values.get(r.nextInt(values.size()));
  }
}
