package io.canopy.stack.it.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether an answer's values of a split are a valid choice of its top values (docs/query-api.md,
 * splits): the split's {@code limit} values with the most of the ordering measure over the whole
 * range with the query's filter, ties either way. Two readings are accepted: over all of the
 * range's rows, or over those the earlier splits without {@code other} keep (the compiler asks
 * split by split); the contract does not say which.
 */
final class TopValues {
  private TopValues() {}

  /** The measure top values are chosen by: orderBy's, else the first that can order rows. */
  static MeasureDef orderingMeasure(Question q, Map<String, MeasureDef> measures) {
    if (q.orderBy() != null && q.orderBy().measure() != null) {
      return measures.get(q.orderBy().measure());
    }
    for (String name : q.measures()) {
      if (measures.get(name).orderable()) {
        return measures.get(name);
      }
    }
    throw new IllegalStateException("no measure orders " + q);
  }

  /**
   * Null when {@code chosen} are valid top values of split {@code i}; else why not.
   *
   * @param low the range's filtered rows in the sure snapshot; {@code high} in the possible one
   * @param complete whether {@code chosen} are all of them (no having, nothing cut by the limit)
   */
  static String check(
      Question q,
      int i,
      List<Set<String>> chosen,
      List<RolledRow> low,
      List<RolledRow> high,
      Map<String, MeasureDef> measures,
      boolean complete) {
    // A value chosen for this split shows only through rows another split without other keeps.
    boolean shown = complete;
    for (int j = 0; j < q.splits().size(); j++) {
      shown &= j == i || q.splits().get(j).otherOrDefault();
    }
    String whole = check(q, i, chosen, low, high, measures, shown, false);
    return whole == null
        ? null
        : check(q, i, chosen, low, high, measures, shown, true) == null ? null : whole;
  }

  private static String check(
      Question q,
      int i,
      List<Set<String>> chosen,
      List<RolledRow> low,
      List<RolledRow> high,
      Map<String, MeasureDef> measures,
      boolean complete,
      boolean scoped) {
    Question.Split split = q.splits().get(i);
    Map<String, List<RolledRow>> lowBy =
        ModelAnswer.byValue(scope(low, q, i, chosen, scoped), split.dimension());
    Map<String, List<RolledRow>> highBy =
        ModelAnswer.byValue(scope(high, q, i, chosen, scoped), split.dimension());
    Set<String> c = chosen.get(i);
    int limit = split.limitOrDefault();
    if (c.size() > limit
        || (complete
            && (c.size() < Math.min(limit, lowBy.size())
                || c.size() > Math.min(limit, highBy.size())))) {
      return split.dimension().column()
          + ": "
          + c.size()
          + " top values "
          + c
          + " of "
          + highBy.keySet()
          + " (limit "
          + limit
          + ")";
    }
    for (String v : c) {
      if (!highBy.containsKey(v)) {
        return split.dimension().column() + ": top value " + v + " has no rows in the range";
      }
    }
    if (!complete) {
      return null;
    }
    MeasureDef m = orderingMeasure(q, measures);
    for (String in : c) {
      double[] kept = range(m, lowBy.get(in), highBy.get(in));
      for (Map.Entry<String, List<RolledRow>> out : highBy.entrySet()) {
        double[] left =
            c.contains(out.getKey()) ? null : range(m, lowBy.get(out.getKey()), out.getValue());
        if (kept != null && left != null && kept[1] < left[0]) {
          return split.dimension().column()
              + ": "
              + out.getKey()
              + " ("
              + m.name()
              + " "
              + left[0]
              + ") left out of the top values "
              + c
              + " for "
              + in
              + " ("
              + kept[1]
              + ")";
        }
      }
    }
    return null;
  }

  /**
   * Each split's top values as they restrict the totals, which the rows need not all show: a top
   * value of a split without {@code other} whose rows all fall to another split's cut shows in no
   * row, yet its rows of the compared range count. Known for such a split where the range holds no
   * more of its values than its limit (all are top values) or it shows its limit's values; else
   * null. {@code scoped}: the reading where a split's values are those the earlier splits without
   * other keep (see the class comment).
   *
   * @param shown each split's values as the rows show them
   * @param low the range's filtered rows in the sure snapshot; {@code high} in the possible one
   */
  static List<Set<String>> restrictingTotals(
      Question q,
      List<Set<String>> shown,
      List<RolledRow> low,
      List<RolledRow> high,
      boolean scoped) {
    List<Set<String>> out = new ArrayList<>(shown);
    for (int i = 0; i < q.splits().size(); i++) {
      Question.Split s = q.splits().get(i);
      if (s.otherOrDefault() || shown.get(i).size() >= s.limitOrDefault()) {
        continue;
      }
      Set<String> sure = ModelAnswer.byValue(scope(low, q, i, out, scoped), s.dimension()).keySet();
      Set<String> possible =
          ModelAnswer.byValue(scope(high, q, i, out, scoped), s.dimension()).keySet();
      if (!sure.equals(possible) || possible.size() > s.limitOrDefault()) {
        return null;
      }
      out.set(i, possible);
    }
    return out;
  }

  private static double[] range(MeasureDef m, List<RolledRow> low, List<RolledRow> high) {
    return m.expect(m.compute(low == null ? List.of() : low), m.compute(high), true).range();
  }

  /** The rows top values of split {@code i} are chosen from: all, or the earlier splits' kept. */
  private static List<RolledRow> scope(
      List<RolledRow> rows, Question q, int i, List<Set<String>> chosen, boolean scoped) {
    if (!scoped) {
      return rows;
    }
    List<RolledRow> out = new ArrayList<>();
    for (RolledRow r : rows) {
      boolean kept = true;
      for (int j = 0; j < i; j++) {
        Question.Split s = q.splits().get(j);
        kept &= s.otherOrDefault() || chosen.get(j).contains(r.get(s.dimension()));
      }
      if (kept) {
        out.add(r);
      }
    }
    return out;
  }
}
