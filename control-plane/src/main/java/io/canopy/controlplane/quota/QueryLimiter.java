package io.canopy.controlplane.quota;

import io.canopy.controlplane.common.OverQuotaException;
import io.canopy.controlplane.common.Quotas;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Each tenant's query quotas, per control-plane instance: {@code queryConcurrency} queries running
 * in Druid at once (an answer from the cache runs none) and {@code queriesPerMinute} requests
 * started per minute (a token bucket of that size refilling at that rate). Both are read from the
 * caller's quotas on every admission, so a change applies at once. Thread-safe.
 */
public final class QueryLimiter {
  private final Map<UUID, AtomicInteger> running = new ConcurrentHashMap<>();
  private final Map<UUID, TokenBucket> started = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  public QueryLimiter(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /** A query's place among the tenant's running ones; closing it frees the place. */
  public interface Slot extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Admits one query (a place among the running ones, and one of the minute's), or refuses it.
   *
   * @throws OverQuotaException as {@link #run} and {@link #start} do
   */
  public Slot admit(UUID tenantId, String tenantSlug, Quotas quotas) {
    Slot slot = run(tenantId, tenantSlug, quotas);
    try {
      start(tenantId, tenantSlug, quotas);
      return slot;
    } catch (OverQuotaException e) {
      slot.close();
      throw e;
    }
  }

  /**
   * Counts one request against {@code queriesPerMinute}.
   *
   * @throws OverQuotaException when the tenant has started that many in the last minute
   */
  public void start(UUID tenantId, String tenantSlug, Quotas quotas) {
    int perMinute = quotas.queriesPerMinute();
    long t = nanoTime.getAsLong();
    long wait =
        started
            .computeIfAbsent(tenantId, id -> new TokenBucket(perMinute, t))
            .take(1, perMinute / 60.0, perMinute, t);
    if (wait > 0) {
      long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
      throw new OverQuotaException(
          "tenant '"
              + tenantSlug
              + "' started "
              + perMinute
              + " queries in the last minute (quotas.queriesPerMinute); retry after "
              + seconds
              + " s",
          "quotas.queriesPerMinute",
          seconds);
    }
  }

  /**
   * A place among the tenant's queries running in Druid; close it when the query ends.
   *
   * @throws OverQuotaException when {@code queryConcurrency} run already (retry after 1 s)
   */
  public Slot run(UUID tenantId, String tenantSlug, Quotas quotas) {
    int concurrency = quotas.queryConcurrency();
    AtomicInteger now = running.computeIfAbsent(tenantId, id -> new AtomicInteger());
    if (now.incrementAndGet() > concurrency) {
      now.decrementAndGet();
      throw new OverQuotaException(
          "tenant '"
              + tenantSlug
              + "' already runs "
              + concurrency
              + " queries at once (quotas.queryConcurrency); retry after 1 s",
          "quotas.queryConcurrency",
          1);
    }
    return now::decrementAndGet;
  }
}
