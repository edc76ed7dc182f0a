package io.canopy.controlplane.query;

import io.canopy.controlplane.query.model.Granularity;
import io.canopy.controlplane.query.model.Interval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The time buckets of a range: each bucket's start as a row's {@code time} shows it (a bucket's
 * start as {@code TIME_FLOOR} has it in the range's zone, or the range's start for a first bucket
 * the range starts inside, so no row is dated before the range), and where each ends. Pure.
 */
final class Buckets {
  private Buckets() {}

  /** The rows' times of every bucket of {@code range}, in order. */
  static List<Instant> of(Interval range, Granularity granularity) {
    List<Instant> out = new ArrayList<>();
    for (Instant b = granularity.floor(range.start(), range.zone());
        b.isBefore(range.end());
        b = granularity.next(b, range.zone())) {
      out.add(b.isBefore(range.start()) ? range.start() : b);
    }
    return out;
  }

  /** A row's time: the bucket's start, or the range's start if the bucket starts before it. */
  static Instant time(Instant bucket, Interval range) {
    return bucket.isBefore(range.start()) ? range.start() : bucket;
  }

  /** Where the bucket holding {@code time} ends. */
  static Instant end(Instant time, Interval range, Granularity granularity) {
    return granularity.next(time, range.zone());
  }
}
