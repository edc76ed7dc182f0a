package io.canopy.controlplane.query.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;

/**
 * For a live question over a moving range (a relative range such as {@code last 7d} moves every
 * minute), its answer for the newest range it was answered for: so that, while the question is
 * computed again (its range moved, or its answer's TTL ran out), that answer can serve. Indexed by
 * the question with its range's instants left out but the range as asked kept (its {@link
 * ResultCache.Moving#shape()}), so an answer serves only a later position of the same range, never
 * another range; bounded in bytes. Thread-safe.
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
   * The answer of the same question over the same or an earlier position of its range, one that
   * covers what the request's part covers but for the minutes the range moved by: it ends no later
   * and starts no later; an edge's ends on the same bucket boundary (the same bucket a minute ago,
   * never the bucket before); a tail's starts on the same boundary (so it never overlaps the
   * settled middle, whose end moved with the handoff line); a whole range's start moved no more
   * than its end ({@code last 7d} or {@code today} a minute ago, but not yesterday's {@code
   * today}). Null if there is none.
   */
  ResultCache.Answer before(ResultCache.Moving moving) {
    Latest l = latest.getIfPresent(moving.shape());
    if (l == null || l.end().isAfter(moving.end()) || l.start().isAfter(moving.start())) {
      return null;
    }
    boolean fits =
        switch (moving.role()) {
          case EDGE -> l.end().equals(moving.end());
          case TAIL -> l.start().equals(moving.start());
          case WHOLE ->
              Duration.between(l.start(), moving.start())
                      .compareTo(Duration.between(l.end(), moving.end()))
                  <= 0;
        };
    return fits ? l.answer() : null;
  }
}
