package io.canopy.controlplane.quota;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A token bucket: refills at {@code rate} tokens per second up to {@code burst}. Takes are
 * all-or-nothing, so a batch is either admitted whole or refused whole. Rate and burst are passed
 * on every take, so a quota change applies at once. Thread-safe without a lock: a take that lost a
 * race tries again on the new state, so no take waits for a thread descheduled while it held the
 * bucket (with a lock, requests of a busy tenant on a saturated machine waited up to 0.9 s).
 */
final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1e9;

  private record State(double tokens, long refilledAt) {}

  private final AtomicReference<State> state;

  TokenBucket(int burst, long now) {
    this.state = new AtomicReference<>(new State(burst, now));
  }

  /**
   * Takes {@code n} tokens if there are that many.
   *
   * @return 0 if taken, otherwise the nanoseconds until {@code n} tokens will be there
   */
  long take(int n, double rate, int burst, long now) {
    while (true) {
      State was = state.get();
      // A take whose clock was read before the last one's refills nothing.
      long at = Math.max(now, was.refilledAt());
      double tokens =
          Math.min(burst, was.tokens() + (at - was.refilledAt()) * rate / NANOS_PER_SECOND);
      if (tokens < n) {
        return (long) Math.ceil((n - tokens) * NANOS_PER_SECOND / rate);
      }
      if (state.compareAndSet(was, new State(tokens - n, at))) {
        return 0;
      }
    }
  }
}
