package io.canopy.controlplane.query;

import io.canopy.controlplane.query.cache.ResultCache;
import io.canopy.controlplane.query.model.Interval;
import io.canopy.controlplane.query.sql.QueryPlan;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What range one request's answers cover, per window ({@link QueryPlan#window()}: the range asked,
 * or its comparison): the range asked, unless an answer of a moment ago served for a part that
 * begins or ends it, whose range is then the range of a moment ago. The earliest start and the
 * earliest end of the answers used win, so an answer never claims minutes it did not count. Not
 * thread-safe: one per request.
 */
final class Coverage {
  private final Map<String, Instant[]> windows = new HashMap<>();

  /**
   * Notes {@code answer}, of the part {@code asked} of {@code window}'s range, which begins the
   * range if {@code first} and ends it if {@code last}.
   */
  void note(String window, boolean first, boolean last, ResultCache.Answer answer, Interval asked) {
    Instant[] c = windows.computeIfAbsent(window, w -> new Instant[2]);
    Instant start = answer.start() == null ? asked.start() : answer.start();
    Instant end = answer.end() == null ? asked.end() : answer.end();
    if (first && (c[0] == null || start.isBefore(c[0]))) {
      c[0] = start;
    }
    if (last && (c[1] == null || end.isBefore(c[1]))) {
      c[1] = end;
    }
  }

  /** The range {@code plan}'s window's answers cover. */
  Interval of(QueryPlan plan) {
    Instant[] c = windows.get(plan.window());
    Interval asked = plan.interval();
    if (c == null) {
      return asked;
    }
    return new Interval(
        c[0] == null ? asked.start() : c[0], c[1] == null ? asked.end() : c[1], asked.zone());
  }
}
