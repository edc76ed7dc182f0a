package io.canopy.stack.it.differential;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model's answer to a question over one snapshot of rolled-up rows: the rows of each bucket and
 * combination of split values, and of the totals, for given top values of each split
 * (docs/query-api.md#the-answer). Values are computed from these rows by the measures ({@link
 * MeasureDef}). Immutable once built.
 */
final class ModelAnswer {
  /** The split value of a row that is not among a split's top values, with {@code other}. */
  static final String OTHER = "(other)";

  /** One cell: a bucket (its index) and the split values, in split order. */
  record Cell(int bucket, List<String> values) {}

  private final List<Instant[]> buckets;
  private final Map<Cell, List<RolledRow>> cells = new LinkedHashMap<>();
  private final List<RolledRow> all = new ArrayList<>();
  private final List<RolledRow> shown = new ArrayList<>();

  /**
   * @param rows the tenant's rows in one snapshot
   * @param top each split's top values (may hold null), in split order
   */
  ModelAnswer(
      List<RolledRow> rows,
      Question q,
      RangeSpec.Interval range,
      ZoneId zone,
      Granularity g,
      List<Set<String>> top) {
    this.buckets = g.buckets(range.start(), range.end(), zone);
    for (RolledRow r : inRange(rows, range, q.filter())) {
      all.add(r);
      List<String> values = values(r, q.splits(), top);
      if (values != null) {
        shown.add(r);
        cells.computeIfAbsent(new Cell(bucket(r.minute()), values), c -> new ArrayList<>()).add(r);
      }
    }
  }

  /** The rows of {@code rows} in {@code range} that {@code filter} keeps (null: all). */
  static List<RolledRow> inRange(List<RolledRow> rows, RangeSpec.Interval range, Filter filter) {
    List<RolledRow> out = new ArrayList<>();
    for (RolledRow r : rows) {
      if (!r.minute().isBefore(range.start())
          && r.minute().isBefore(range.end())
          && (filter == null || Boolean.TRUE.equals(filter.test(r)))) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * A row's split values: its own, {@code (other)}, or null when a split without other drops it.
   */
  static List<String> values(RolledRow r, List<Question.Split> splits, List<Set<String>> top) {
    String[] out = new String[splits.size()];
    for (int i = 0; i < splits.size(); i++) {
      String v = r.get(splits.get(i).dimension());
      if (top.get(i).contains(v)) {
        out[i] = v;
      } else if (splits.get(i).otherOrDefault()) {
        out[i] = OTHER;
      } else {
        return null;
      }
    }
    return Arrays.asList(out);
  }

  /** The bucket holding {@code minute}: the last one starting at or before it. */
  private int bucket(Instant minute) {
    int lo = 0;
    int hi = buckets.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (buckets.get(mid)[0].isAfter(minute)) {
        hi = mid - 1;
      } else {
        lo = mid;
      }
    }
    return lo;
  }

  /** Each bucket's start and end; the first starts at the range's start. */
  List<Instant[]> buckets() {
    return buckets;
  }

  /** The index of the bucket whose row time (its start, clipped to the range) is {@code t}. */
  int bucketAt(Instant t) {
    for (int i = 0; i < buckets.size(); i++) {
      if (buckets.get(i)[0].equals(t)) {
        return i;
      }
    }
    return -1;
  }

  /** The rows of one cell; empty if it has none. */
  List<RolledRow> cell(Cell c) {
    return cells.getOrDefault(c, List.of());
  }

  /** The cells with rows. */
  Set<Cell> cells() {
    return cells.keySet();
  }

  /** The split value combinations with rows anywhere in the range. */
  Set<List<String>> combinations() {
    Set<List<String>> out = new java.util.LinkedHashSet<>();
    cells.keySet().forEach(c -> out.add(c.values()));
    return out;
  }

  /** The rows of the totals: all of the range's, or only those the splits show. */
  List<RolledRow> totals(boolean onlyShown) {
    return onlyShown ? shown : all;
  }

  /** Each value of {@code d} among the range's rows, with its rows. */
  static Map<String, List<RolledRow>> byValue(List<RolledRow> rows, Dimension d) {
    Map<String, List<RolledRow>> out = new HashMap<>();
    rows.forEach(r -> out.computeIfAbsent(r.get(d), v -> new ArrayList<>()).add(r));
    return out;
  }
}
