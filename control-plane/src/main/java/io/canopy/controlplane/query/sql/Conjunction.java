package io.canopy.controlplane.query.sql;

import io.canopy.controlplane.query.model.Filter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the conditions of one conjunction say about each column, to find a contradiction: a value
 * required and forbidden ({@code x = a and not x = a}), two values required ({@code x = a and x =
 * b}), no value and some value, an empty numeric range, text that must and must not start with or
 * hold a string. Conditions it does not read (nested {@code or}, say) are left out, so it may miss
 * a contradiction but never finds one that is not there. Two-valued, as {@link FilterFolding}
 * explains. Pure.
 */
final class Conjunction {
  private Conjunction() {}

  /** A numeric interval; a null end is unbounded. */
  private record Span(Double lo, boolean loIn, Double hi, boolean hiIn) {
    static final Span ALL = new Span(null, false, null, false);

    static Span of(Filter.Range r) {
      Span s = ALL;
      if (r.gt() != null) {
        s = s.and(new Span(r.gt(), false, null, false));
      }
      if (r.gte() != null) {
        s = s.and(new Span(r.gte(), true, null, false));
      }
      if (r.lt() != null) {
        s = s.and(new Span(null, false, r.lt(), false));
      }
      if (r.lte() != null) {
        s = s.and(new Span(null, false, r.lte(), true));
      }
      return s;
    }

    Span and(Span o) {
      Double l = lo;
      boolean li = loIn;
      if (o.lo != null && (l == null || o.lo > l || (o.lo.equals(l) && !o.loIn))) {
        l = o.lo;
        li = o.loIn;
      }
      Double h = hi;
      boolean hin = hiIn;
      if (o.hi != null && (h == null || o.hi < h || (o.hi.equals(h) && !o.hiIn))) {
        h = o.hi;
        hin = o.hiIn;
      }
      return new Span(l, li, h, hin);
    }

    boolean empty() {
      return lo != null && hi != null && (lo > hi || (lo.equals(hi) && !(loIn && hiIn)));
    }

    /** Whether every value of this span lies in {@code o}. */
    boolean within(Span o) {
      boolean fromOk =
          o.lo == null || (lo != null && (lo > o.lo || (lo.equals(o.lo) && (o.loIn || !loIn))));
      boolean toOk =
          o.hi == null || (hi != null && (hi < o.hi || (hi.equals(o.hi) && (o.hiIn || !hiIn))));
      return fromOk && toOk;
    }
  }

  /** What the conjunction requires of one column. */
  private static final class Column {
    boolean mustBeNull;
    boolean mustHaveValue;
    Set<String> allowed;
    final Set<String> excluded = new HashSet<>();
    final List<String> prefixes = new ArrayList<>();
    final List<String> notPrefixes = new ArrayList<>();
    final List<String> contains = new ArrayList<>();
    final List<String> notContains = new ArrayList<>();
    Span span = Span.ALL;
    final List<Span> notSpans = new ArrayList<>();

    void only(Set<String> values) {
      mustHaveValue = true;
      if (allowed == null) {
        allowed = new HashSet<>(values);
      } else {
        allowed.retainAll(values);
      }
    }

    boolean contradicts() {
      if (mustBeNull && mustHaveValue) {
        return true;
      }
      if (span.empty() || notSpans.stream().anyMatch(n -> span != Span.ALL && span.within(n))) {
        return true;
      }
      if (allowed != null) {
        return allowed.stream().noneMatch(this::admits);
      }
      for (String p : prefixes) {
        for (String q : prefixes) {
          if (!p.startsWith(q) && !q.startsWith(p)) {
            return true;
          }
        }
        if (notPrefixes.stream().anyMatch(p::startsWith)
            || notContains.stream().anyMatch(p::contains)) {
          return true;
        }
      }
      return contains.stream().anyMatch(c -> notContains.stream().anyMatch(c::contains));
    }

    private boolean admits(String v) {
      return !excluded.contains(v)
          && prefixes.stream().allMatch(v::startsWith)
          && contains.stream().allMatch(v::contains)
          && notPrefixes.stream().noneMatch(v::startsWith)
          && notContains.stream().noneMatch(v::contains);
    }
  }

  /** Whether the conjunction of {@code filters} can never hold. */
  static boolean contradicts(List<Filter> filters) {
    Map<String, Column> columns = new LinkedHashMap<>();
    for (Filter f : filters) {
      boolean negated = f instanceof Filter.Not;
      Filter atom = negated ? ((Filter.Not) f).filter() : f;
      String name = column(atom);
      if (name != null) {
        read(columns.computeIfAbsent(name, n -> new Column()), atom, negated);
      }
    }
    return columns.values().stream().anyMatch(Column::contradicts);
  }

  private static String column(Filter f) {
    if (f instanceof Filter.Equals e) {
      return e.dimension();
    } else if (f instanceof Filter.In i) {
      return i.dimension();
    } else if (f instanceof Filter.Contains c) {
      return c.dimension();
    } else if (f instanceof Filter.Prefix p) {
      return p.dimension();
    } else if (f instanceof Filter.IsNull n) {
      return n.dimension();
    } else if (f instanceof Filter.NotNull n) {
      return n.dimension();
    } else if (f instanceof Filter.Range r) {
      return r.column();
    }
    return null;
  }

  private static void read(Column c, Filter atom, boolean negated) {
    if (atom instanceof Filter.Equals e) {
      if (negated) {
        c.excluded.add(e.value());
      } else {
        c.only(Set.of(e.value()));
      }
    } else if (atom instanceof Filter.In i) {
      if (negated) {
        c.excluded.addAll(i.values());
      } else {
        c.only(new HashSet<>(i.values()));
      }
    } else if (atom instanceof Filter.Contains s) {
      (negated ? c.notContains : c.contains).add(s.value());
      c.mustHaveValue |= !negated;
    } else if (atom instanceof Filter.Prefix p) {
      (negated ? c.notPrefixes : c.prefixes).add(p.value());
      c.mustHaveValue |= !negated;
    } else if (atom instanceof Filter.IsNull) {
      c.mustBeNull |= !negated;
      c.mustHaveValue |= negated;
    } else if (atom instanceof Filter.NotNull) {
      c.mustHaveValue |= !negated;
      c.mustBeNull |= negated;
    } else if (atom instanceof Filter.Range r) {
      if (negated) {
        c.notSpans.add(Span.of(r));
      } else {
        c.span = c.span.and(Span.of(r));
        c.mustHaveValue = true;
      }
    }
  }

  /**
   * The disjuncts with the ranges on one column that together cover every number replaced by one
   * range that holds for any value ({@code x < 5 or x >= 5} is {@code x} has a value): Druid 33
   * folds such ranges into "always", which would count rows without a value too.
   */
  static List<Filter> coveringRanges(List<Filter> disjuncts) {
    Map<String, List<Span>> byColumn = new LinkedHashMap<>();
    for (Filter f : disjuncts) {
      if (f instanceof Filter.Range r) {
        byColumn.computeIfAbsent(r.column(), k -> new ArrayList<>()).add(Span.of(r));
      }
    }
    List<Filter> out = new ArrayList<>();
    Set<String> replaced = new HashSet<>();
    for (Filter f : disjuncts) {
      if (f instanceof Filter.Range r && covers(byColumn.get(r.column()))) {
        if (replaced.add(r.column())) {
          out.add(new Filter.Range(r.column(), null, -Double.MAX_VALUE, null, null));
        }
      } else {
        out.add(f);
      }
    }
    return out;
  }

  private static boolean covers(List<Span> spans) {
    List<Span> sorted = new ArrayList<>(spans);
    sorted.sort(
        Comparator.comparing(
            (Span s) -> s.lo(), Comparator.nullsFirst(Comparator.<Double>naturalOrder())));
    if (sorted.isEmpty() || sorted.get(0).lo() != null) {
      return false;
    }
    Double reach = sorted.get(0).hi();
    boolean reachIn = sorted.get(0).hiIn();
    for (Span s : sorted.subList(1, sorted.size())) {
      if (reach == null) {
        return true;
      }
      boolean joins =
          s.lo() == null || s.lo() < reach || (s.lo().equals(reach) && (s.loIn() || reachIn));
      if (!joins) {
        return false;
      }
      if (s.hi() == null || s.hi() > reach || (s.hi().equals(reach) && s.hiIn())) {
        reach = s.hi();
        reachIn = s.hiIn();
      }
    }
    return reach == null;
  }
}
