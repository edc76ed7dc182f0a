package io.canopy.stack.it.differential;

import io.canopy.stack.it.differential.RangeSpec.Anchor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The run's questions from a seed: question {@code id} is always the same question (its own random
 * stream), so one can be replayed alone. Every measure and filter type (nested), splits with limits
 * and {@code other}, {@code having}, {@code orderBy}, every granularity and {@code auto}, time
 * zones with a {@code +05:30} and DST ones, relative and absolute ranges (past, future, straddling
 * now and the handoff line) and each kind of compare. Ids from {@link #PAIR_FIRST} on are the first
 * of a pair (every third the issue's own question), from {@link #PAIRED} on its second: the same
 * question over another range ({@link #partner}).
 */
final class QuestionGenerator {
  /**
   * Ids from here on are a pair's second question: question {@code id - PAIRED} over another range.
   */
  static final int PAIRED = 1_000_000;

  /** Ids from here on (below {@link #PAIRED}) are a pair's first question. */
  static final int PAIR_FIRST = 500_000;

  private static final String[] ZONES = {
    null, null, "UTC", "+05:30", "Europe/Berlin", "America/New_York"
  };
  private static final Granularity[] GRANULARITIES = Granularity.values();

  private final long seed;
  private final List<Tenant> tenants;
  private final Filters filters = new Filters();

  QuestionGenerator(long seed, List<Tenant> tenants) {
    this.seed = seed;
    this.tenants = tenants;
  }

  Question question(int id) {
    if (id >= PAIRED) {
      Question first = question(id - PAIRED);
      return Ranges.fit(first.withRange(id, Ranges.partner(random(id), first)));
    }
    if (id >= PAIR_FIRST && id % 3 == 0) {
      return issueShape(id);
    }
    Random r = random(id);
    Tenant t = tenants.get(r.nextInt(tenants.size()));
    int path = r.nextInt(100);
    if (path < 15) {
      return metrics(id, r, t);
    }
    return path < 27 ? sql(id, r, t) : query(id, r, t);
  }

  /**
   * The issue's shape: purchases, duration_ms_events and events over a window 20 to 10 minutes ago.
   */
  private Question issueShape(int id) {
    Random r = random(id);
    Tenant t = tenants.get(r.nextInt(tenants.size()));
    return new Question(
        id,
        t,
        AnswerPath.QUERY,
        List.of("purchases", "duration_ms_events", "events"),
        List.of(),
        null,
        RangeSpec.around(Anchor.ASK, Duration.ofMinutes(-20), Duration.ofMinutes(-10)),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * Question {@code id}'s own random stream. The seed and id are mixed first (SplitMix64's
   * finalizer): {@link Random}'s first numbers from neighbouring seeds are nearly the same.
   */
  private Random random(int id) {
    long z = seed * 0x9E3779B97F4A7C15L + id;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return new Random(z ^ (z >>> 31));
  }

  private Question query(int id, Random r, Tenant t) {
    List<String> measures = measures(r, t, 1 + r.nextInt(4));
    RangeSpec range = Ranges.any(r);
    Granularity g = r.nextInt(3) == 0 ? null : GRANULARITIES[r.nextInt(GRANULARITIES.length)];
    List<Question.Split> splits =
        splits(r, r.nextInt(10) < 5 ? 0 : r.nextInt(10) < 7 ? 1 : 2 + r.nextInt(2));
    Question.Compare compare = r.nextInt(5) != 0 ? null : compare(r);
    Question.Order order = r.nextInt(5) != 0 ? null : order(r, measures, splits, t);
    Integer limit = r.nextInt(7) != 0 ? null : new int[] {3, 10, 50, 200}[r.nextInt(4)];
    Question.Having having = r.nextInt(9) != 0 ? null : having(r, measures, t);
    Filter filter = r.nextInt(2) == 0 ? null : filters.random(r, t, 0);
    return Ranges.fit(
        new Question(
            id,
            t,
            AnswerPath.QUERY,
            measures,
            splits,
            filter,
            range,
            ZONES[r.nextInt(ZONES.length)],
            g,
            compare,
            order,
            limit,
            having));
  }

  private Question metrics(int id, Random r, Tenant t) {
    List<String> names = measures(r, t, 1);
    if (!t.measures().get(names.get(0)).orderable()) {
      names = List.of("events"); // the list alone orders nothing: /v1/metrics refuses it (400)
    }
    String range = Ranges.metrics(r);
    List<Filter> equals = new ArrayList<>();
    for (int i = r.nextInt(3); i > 0; i--) {
      equals.add(filters.equals(r, t));
    }
    Filter filter =
        equals.isEmpty()
            ? null
            : equals.size() == 1 ? equals.get(0) : new Filter.Junction(equals, true);
    List<Question.Split> splits = new ArrayList<>();
    for (Question.Split s : splits(r, r.nextInt(3) == 0 ? 1 : 0)) {
      splits.add(new Question.Split(s.dimension(), null, null));
    }
    Granularity g =
        r.nextInt(3) == 0
            ? new Granularity[] {Granularity.HOUR, Granularity.DAY, Granularity.ALL}[r.nextInt(3)]
            : null;
    return Ranges.fit(
        new Question(
            id,
            t,
            AnswerPath.METRICS,
            names,
            splits,
            filter,
            RangeSpec.relative(range),
            ZONES[r.nextInt(ZONES.length)],
            g,
            null,
            null,
            null,
            null));
  }

  private Question sql(int id, Random r, Tenant t) {
    List<String> names = new ArrayList<>();
    for (String m : measures(r, t, 1 + r.nextInt(3))) {
      if (!m.equals("top_pages")) {
        names.add(m);
      }
    }
    if (names.isEmpty()) {
      names.add("events");
    }
    Duration start = Duration.ofMinutes(-(30 + r.nextInt(6 * 24 * 60)));
    RangeSpec range =
        RangeSpec.around(
            Anchor.T0, start, start.plus(Duration.ofMinutes(60 + r.nextInt(3 * 24 * 60))));
    Granularity g =
        new Granularity[] {Granularity.ALL, Granularity.HOUR, Granularity.DAY}[r.nextInt(3)];
    List<Question.Split> splits = new ArrayList<>();
    for (Question.Split s : splits(r, r.nextInt(3))) {
      splits.add(new Question.Split(s.dimension(), null, null));
    }
    Filter filter = r.nextInt(2) == 0 ? null : filters.plannable(r, t);
    return new Question(
        id,
        t,
        AnswerPath.SQL,
        names,
        splits,
        filter,
        range,
        ZONES[r.nextInt(ZONES.length)],
        g,
        null,
        null,
        null,
        null);
  }

  private List<String> measures(Random r, Tenant t, int n) {
    List<String> all = new ArrayList<>();
    t.measures()
        .forEach(
            (name, m) -> {
              if (!(t.live() && m.rowSensitive())) {
                all.add(name);
              }
            });
    List<String> out = new ArrayList<>();
    while (out.size() < n) {
      String m = all.get(r.nextInt(all.size()));
      if (!out.contains(m)) {
        out.add(m);
      }
    }
    if (out.stream().noneMatch(m -> t.measures().get(m).orderable())) {
      out.add("events");
    }
    return out;
  }

  private List<Question.Split> splits(Random r, int n) {
    List<Question.Split> out = new ArrayList<>();
    List<Dimension> dims = new ArrayList<>(List.of(Dimension.values()));
    for (int i = 0; i < n; i++) {
      Dimension d = dims.remove(r.nextInt(dims.size()));
      Integer limit = r.nextInt(3) == 0 ? null : new int[] {1, 2, 3, 5, 20}[r.nextInt(5)];
      Boolean other = r.nextInt(3) == 0 ? null : r.nextBoolean();
      out.add(new Question.Split(d, limit, other));
    }
    return out;
  }

  private static Question.Compare compare(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> new Question.Compare("previous_period", null);
      case 1 -> new Question.Compare("last_week", null);
      default -> new Question.Compare("offset", new String[] {"P1D", "PT1H", "PT6H"}[r.nextInt(3)]);
    };
  }

  private static Question.Order order(
      Random r, List<String> measures, List<Question.Split> splits, Tenant t) {
    Boolean descending = r.nextInt(3) == 0 ? null : r.nextBoolean();
    if (!splits.isEmpty() && r.nextBoolean()) {
      return new Question.Order(null, splits.get(r.nextInt(splits.size())).dimension(), descending);
    }
    List<String> orderable =
        measures.stream().filter(m -> t.measures().get(m).orderable()).toList();
    return new Question.Order(orderable.get(r.nextInt(orderable.size())), null, descending);
  }

  private static Question.Having having(Random r, List<String> measures, Tenant t) {
    List<String> orderable =
        measures.stream().filter(m -> t.measures().get(m).orderable()).toList();
    String m = orderable.get(r.nextInt(orderable.size()));
    double v = new double[] {0, 1, 3, 10, 50}[r.nextInt(5)];
    return switch (r.nextInt(4)) {
      case 0 -> new Question.Having(m, v, null, null, null);
      case 1 -> new Question.Having(m, null, v, null, null);
      case 2 -> new Question.Having(m, null, null, v + 1, null);
      default -> new Question.Having(m, null, v, null, v * 10 + 5);
    };
  }
}
