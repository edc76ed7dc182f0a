package io.canopy.controlplane.query.cache;

import io.canopy.controlplane.query.model.Granularity;
import io.canopy.controlplane.query.model.Interval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a query's range splits for the cache. The handoff line is where Druid's real-time data
 * begins: everything before it lies in handed-off segments, which change only through compaction,
 * erasure, late data or retention (and then their versions change). Splitting on bucket boundaries
 * keeps each bucket wholly in one part, so no bucket is ever merged:
 *
 * <ul>
 *   <li>an <em>edge</em>: from the range's start to the first bucket boundary (a relative range's
 *       start moves every minute), re-queried like the tail;
 *   <li>the <em>settled</em> middle: whole buckets before the handoff line, cached until their
 *       segments change;
 *   <li>the <em>tail</em>: from the last bucket boundary at or before the handoff line (or the
 *       range's end) to the end, re-queried after a short TTL.
 * </ul>
 *
 * Pure.
 */
public final class RangeSplit {
  private RangeSplit() {}

  /** One part of a range; {@code settled}: wholly in handed-off segments, on bucket boundaries. */
  public record Part(Interval interval, boolean settled) {}

  /**
   * @param handoff the handoff line; null when Druid holds no real-time data of the datasource
   */
  public static List<Part> split(Interval range, Granularity granularity, Instant handoff) {
    Instant start = range.start();
    Instant end = range.end();
    Instant floorStart = granularity.floor(start, range.zone());
    Instant first = floorStart.equals(start) ? start : granularity.next(start, range.zone());
    Instant line = handoff == null || handoff.isAfter(end) ? end : handoff;
    Instant settledEnd = granularity.floor(line, range.zone());
    List<Part> parts = new ArrayList<>();
    if (!settledEnd.isAfter(first)) {
      parts.add(new Part(range, false));
      return parts;
    }
    if (start.isBefore(first)) {
      parts.add(new Part(new Interval(start, first, range.zone()), false));
    }
    parts.add(new Part(new Interval(first, settledEnd, range.zone()), true));
    if (settledEnd.isBefore(end)) {
      parts.add(new Part(new Interval(settledEnd, end, range.zone()), false));
    }
    return parts;
  }
}
