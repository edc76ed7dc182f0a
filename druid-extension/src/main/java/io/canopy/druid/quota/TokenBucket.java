package io.canopy.druid.quota;

/**
 * Queries started per minute, as a bucket of {@code perMinute} tokens refilled at {@code perMinute}
 * a minute: a tenant may start a minute's worth at once, then one per refill. The size is read on
 * every take, so a changed quota applies at once. Not thread-safe: its owner locks it.
 */
final class TokenBucket {
  private static final double NANOS_PER_MINUTE = 60e9;

  private double tokens;
  private long refilledAt;

  TokenBucket(int perMinute, long now) {
    this.tokens = perMinute;
    this.refilledAt = now;
  }

  /** Takes one token, or says how many nanoseconds until one is there (and takes none). */
  long take(int perMinute, long now) {
    // In double all along: the long product of a day's nanoseconds and 10 M a minute overflows.
    tokens = Math.min(perMinute, tokens + (now - refilledAt) / NANOS_PER_MINUTE * perMinute);
    refilledAt = now;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return (long) Math.ceil((1 - tokens) * NANOS_PER_MINUTE / perMinute);
  }
}
