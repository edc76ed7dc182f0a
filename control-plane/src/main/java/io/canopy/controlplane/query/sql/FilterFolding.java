package io.canopy.controlplane.query.sql;

import io.canopy.controlplane.query.model.Filter;
import java.util.ArrayList;
import java.util.List;

/**
 * A filter with what can never hold, or always holds, folded away before it is compiled: a
 * contradiction ({@code country = JP and country = GB}) is false, {@code not false} is true, a
 * conjunction with false is false, a disjunction with true is true. Druid 33 cannot plan such a
 * filter when it is nested (a 500, "Marker filters shouldn't exist in the final filter"), and the
 * answer it stands for is plain: no rows, or every row.
 *
 * <p>The query model's logic is two-valued: its {@code not} is SQL's {@code IS NOT TRUE}, so a
 * condition on a missing value is simply false, and the usual laws hold ({@code not not a} is
 * {@code a}; {@code a or b} always holds exactly when {@code not a and not b} never does). Folding
 * finds contradictions among the conditions of one conjunction on the same column ({@link
 * Conjunction}); it may miss some, which then reach Druid as they are. Pure.
 */
public final class FilterFolding {
  private FilterFolding() {}

  /** A folded filter: always true, never true, or a filter that is neither as far as known. */
  public record Folded(Filter filter, boolean always, boolean never) {
    static final Folded TRUE = new Folded(null, true, false);
    static final Folded FALSE = new Folded(null, false, true);

    static Folded of(Filter f) {
      return new Folded(f, false, false);
    }

    /** Whether the filter is a constant, {@link #always} or {@link #never}. */
    public boolean constant() {
      return always || never;
    }
  }

  /** {@code filter} folded; a checked filter (FilterSql checks names and values first). */
  public static Folded fold(Filter filter) {
    if (filter instanceof Filter.Not n) {
      return not(fold(n.filter()));
    }
    if (filter instanceof Filter.And a) {
      return and(a.filters());
    }
    if (filter instanceof Filter.Or o) {
      return or(o.filters());
    }
    return Folded.of(filter);
  }

  private static Folded not(Folded inner) {
    if (inner.constant()) {
      return inner.always() ? Folded.FALSE : Folded.TRUE;
    }
    return Folded.of(
        inner.filter() instanceof Filter.Not n ? n.filter() : new Filter.Not(inner.filter()));
  }

  private static Folded and(List<Filter> filters) {
    List<Filter> kept = new ArrayList<>();
    for (Filter f : filters) {
      Folded folded = fold(f);
      if (folded.never()) {
        return Folded.FALSE;
      }
      if (folded.always()) {
        continue;
      }
      if (folded.filter() instanceof Filter.And inner) {
        kept.addAll(inner.filters());
      } else {
        kept.add(folded.filter());
      }
    }
    if (kept.isEmpty()) {
      return Folded.TRUE;
    }
    if (Conjunction.contradicts(kept)) {
      return Folded.FALSE;
    }
    return Folded.of(kept.size() == 1 ? kept.get(0) : new Filter.And(kept));
  }

  private static Folded or(List<Filter> filters) {
    List<Filter> kept = new ArrayList<>();
    for (Filter f : filters) {
      Folded folded = fold(f);
      if (folded.always()) {
        return Folded.TRUE;
      }
      if (folded.never()) {
        continue;
      }
      if (folded.filter() instanceof Filter.Or inner) {
        kept.addAll(inner.filters());
      } else {
        kept.add(folded.filter());
      }
    }
    if (kept.isEmpty()) {
      return Folded.FALSE;
    }
    // a or b always holds exactly when (not a and not b) never does.
    List<Filter> negated = new ArrayList<>();
    for (Filter f : kept) {
      negated.add(f instanceof Filter.Not n ? n.filter() : new Filter.Not(f));
    }
    if (Conjunction.contradicts(negated)) {
      return Folded.TRUE;
    }
    List<Filter> ranges = Conjunction.coveringRanges(kept);
    return Folded.of(ranges.size() == 1 ? ranges.get(0) : new Filter.Or(ranges));
  }
}
