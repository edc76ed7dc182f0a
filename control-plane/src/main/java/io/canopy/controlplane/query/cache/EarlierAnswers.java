package io.canopy.controlplane.query.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;

/**
 * For a live question over a moving range (a relative range such as {@code last 7d} moves every
 * minute), its answer for the newest range it was answered for: so that, while the question is
 * computed again (its range moved, or its answer's TTL ran out), that answer can serve. Indexed by
 * the question with its range left out (its {@link ResultCache.Moving#shape()}); bounded in bytes.
 * Thread-safe.
 */
final class EarlierAnswers {
  private record Latest(ResultCache.Answer answer, Instant start, Instant end, int weight) {}

  private final Cache<ResultCache.Key, Latest> latest;

  EarlierAnswers(long maxBytes, Duration keep) {
    this.latest =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((ResultCache.Key shape, Latest l) -> 2 * shape.sql().length() + l.weight())
            .expireAfterWrite(keep)
            .build();
  }

  /** {@code answer} (of about {@code weight} bytes) is {@code moving}'s over its range. */
  void answered(ResultCache.Moving moving, ResultCache.Answer answer, int weight) {
    latest
        .asMap()
        .merge(
            moving.shape(),
            new Latest(answer, moving.start(), moving.end(), weight),
            (was, now) -> now.end().isBefore(was.end()) ? was : now);
  }

  /**
   * The answer of the same question over the same or an earlier position of the range: one that
   * ends no later and whose start moved no more than its end (so {@code last 7d} a minute ago, or
   * {@code today} a minute ago, but not yesterday's {@code today}); for an edge, one that ends on
   * the same bucket boundary (so the same bucket a minute ago, never the bucket before); null if
   * there is none.
   */
  ResultCache.Answer before(ResultCache.Moving moving) {
    Latest l = latest.getIfPresent(moving.shape());
    if (l == null || l.end().isAfter(moving.end()) || l.start().isAfter(moving.start())) {
      return null;
    }
    if (moving.edge()) {
      return l.end().equals(moving.end()) ? l.answer() : null;
    }
    Duration startMoved = Duration.between(l.start(), moving.start());
    Duration endMoved = Duration.between(l.end(), moving.end());
    return startMoved.compareTo(endMoved) <= 0 ? l.answer() : null;
  }
}
