package io.canopy.controlplane.query;

import io.canopy.controlplane.query.cache.ResultCache;
import io.canopy.controlplane.query.model.Interval;
import io.canopy.controlplane.query.sql.QueryPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What range one request's answers cover, per window ({@link QueryPlan#window()}: the range asked,
 * or its comparison): the range asked, unless an answer of a moment ago served for a part that
 * begins or ends it, whose range is then the range of a moment ago. It is <em>consistent</em> when
 * every answer that begins the window begins it at the same instant, and every one that ends it
 * ends it at the same instant: then the rows and the totals count the same range, the one stated.
 * Two answers of one window from different moments (one served from a moment ago, the other new, as
 * happens when a background refresh lands between them) are not. Not thread-safe: one per request.
 */
final class Coverage {
  private final Map<String, Set<Instant>> starts = new HashMap<>();
  private final Map<String, Set<Instant>> ends = new HashMap<>();

  /**
   * Notes {@code answer}, of the part {@code asked} of {@code window}'s range, which begins the
   * range if {@code first} and ends it if {@code last}.
   */
  void note(String window, boolean first, boolean last, ResultCache.Answer answer, Interval asked) {
    if (first) {
      starts
          .computeIfAbsent(window, w -> new TreeSet<>())
          .add(answer.start() == null ? asked.start() : answer.start());
    }
    if (last) {
      ends.computeIfAbsent(window, w -> new TreeSet<>())
          .add(answer.end() == null ? asked.end() : answer.end());
    }
  }

  /**
   * Whether {@code plan}'s window's answers cover one position of its range: they begin it at one
   * instant and end it at one instant, and, where the range's start moves with its end ({@code last
   * 2h}), both moved by as much (an edge of a moment ago with a new tail would count a range a
   * minute short).
   */
  boolean consistent(QueryPlan plan) {
    Set<Instant> s = starts.getOrDefault(plan.window(), Set.of());
    Set<Instant> e = ends.getOrDefault(plan.window(), Set.of());
    if (s.size() > 1 || e.size() > 1) {
      return false;
    }
    Interval covered = of(plan);
    return !plan.startMoves()
        || Duration.between(covered.start(), plan.interval().start())
            .equals(Duration.between(covered.end(), plan.interval().end()));
  }

  /**
   * The range {@code plan}'s window's answers cover (when not {@link #consistent}, the earliest
   * start and end of its answers).
   */
  Interval of(QueryPlan plan) {
    Interval asked = plan.interval();
    Set<Instant> s = starts.get(plan.window());
    Set<Instant> e = ends.get(plan.window());
    return new Interval(
        s == null ? asked.start() : s.iterator().next(),
        e == null ? asked.end() : e.iterator().next(),
        asked.zone());
  }
}
