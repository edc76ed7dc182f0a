package io.canopy.controlplane.quota;

/**
 * A token bucket: refills at {@code rate} tokens per second up to {@code burst}. Takes are
 * all-or-nothing, so a batch is either admitted whole or refused whole. Rate and burst are passed
 * on every take, so a quota change applies at once. Thread-safe.
 */
final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1e9;

  private double tokens;
  private long refilledAt;

  TokenBucket(int burst, long now) {
    this.tokens = burst;
    this.refilledAt = now;
  }

  /**
   * Takes {@code n} tokens if there are that many.
   *
   * @return 0 if taken, otherwise the nanoseconds until {@code n} tokens will be there
   */
  synchronized long take(int n, double rate, int burst, long now) {
    tokens = Math.min(burst, tokens + (now - refilledAt) * rate / NANOS_PER_SECOND);
    refilledAt = now;
    if (tokens >= n) {
      tokens -= n;
      return 0;
    }
    return (long) Math.ceil((n - tokens) * NANOS_PER_SECOND / rate);
  }
}
