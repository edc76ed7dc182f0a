package io.canopy.controlplane.erasure;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Decides the next step of a pooled-tenant erasure from what Druid shows now. Pure logic: the
 * caller asks Druid, the planner only reasons.
 *
 * <ul>
 *   <li>A published segment inside the loaded window that no server serves yet (a new compaction
 *       result, or data just handed off) means wait: SQL cannot see its rows yet.
 *   <li>Every UTC day that SQL shows rows of the tenant in is rewritten without them, unless a
 *       streaming task still writes that day: its lock would fail the rewrite, so the tasks are
 *       asked to hand off first and the day waits for a later pass.
 *   <li>Cold days (published segments older than the loaded window, served by no one by rule)
 *       cannot be looked into with SQL, so every cold day of the range is rewritten, once.
 *   <li>Consecutive days become one interval: one compaction task each.
 * </ul>
 */
final class ErasurePlanner {
  private ErasurePlanner() {}

  /**
   * @param segments the datasource's segments overlapping the erasure's range
   * @param tenantHours hours that SQL finds rows of the tenant in (queryable data only)
   * @param coldDone whether an earlier pass already rewrote the cold days
   * @param loadedSince start of the window the load rules keep on historicals
   */
  static ErasureStep plan(
      List<Segment> segments, List<Instant> tenantHours, boolean coldDone, Instant loadedSince) {
    boolean loading =
        segments.stream()
            .anyMatch(s -> !s.realtime() && !s.available() && s.span().end().isAfter(loadedSince));
    if (loading) {
      return new ErasureStep.Wait("Druid is loading new segments onto its historicals");
    }
    List<Span> realtime = segments.stream().filter(Segment::realtime).map(Segment::span).toList();
    Predicate<Span> written = day -> realtime.stream().anyMatch(day::overlaps);

    TreeSet<Instant> wanted = new TreeSet<>();
    tenantHours.forEach(hour -> wanted.add(Span.dayOf(hour).start()));
    TreeSet<Instant> cold = new TreeSet<>();
    if (!coldDone) {
      segments.stream()
          .filter(s -> !s.realtime() && !s.available())
          .forEach(s -> cold.addAll(days(s.span())));
    }
    wanted.addAll(cold);

    List<Span> ready = new ArrayList<>();
    boolean blocked = false;
    for (Instant start : wanted) {
      Span day = Span.dayOf(start);
      if (written.test(day)) {
        blocked = true;
      } else {
        ready.add(day);
      }
    }
    if (ready.isEmpty() && !blocked) {
      return new ErasureStep.Done();
    }
    boolean coldCovered = cold.stream().noneMatch(c -> written.test(Span.dayOf(c)));
    return new ErasureStep.Compact(runs(ready), coldCovered, blocked);
  }

  /** The start of every UTC day the span touches. */
  private static Collection<Instant> days(Span span) {
    List<Instant> days = new ArrayList<>();
    for (Span day = Span.dayOf(span.start());
        day.start().isBefore(span.end());
        day = Span.dayOf(day.end())) {
      days.add(day.start());
    }
    return days;
  }

  /** Sorted days merged where one ends as the next starts. */
  private static List<Span> runs(List<Span> days) {
    TreeMap<Instant, Span> runs = new TreeMap<>();
    Span current = null;
    for (Span day : days) {
      if (current != null && current.end().equals(day.start())) {
        current = new Span(current.start(), day.end());
      } else {
        current = day;
      }
      runs.put(current.start(), current);
    }
    return List.copyOf(runs.values());
  }
}
