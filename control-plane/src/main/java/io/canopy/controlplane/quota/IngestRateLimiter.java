package io.canopy.controlplane.quota;

import io.canopy.controlplane.common.OverQuotaException;
import io.canopy.controlplane.common.Quotas;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Each tenant's ingest rate quota: one {@link TokenBucket} per tenant, per control-plane instance
 * (with N instances behind a balancer a tenant gets up to N times its rate; documented).
 * Thread-safe.
 */
public final class IngestRateLimiter {
  private final Map<UUID, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;

  public IngestRateLimiter(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /**
   * Admits a batch of {@code events} for the tenant, or refuses all of it.
   *
   * @throws OverQuotaException with the seconds after which the same batch will fit
   */
  public void admit(UUID tenantId, String tenantSlug, Quotas quotas, int events) {
    int rate = quotas.ingestEventsPerSecond();
    int burst = quotas.ingestBurstEvents();
    long now = nanoTime.getAsLong();
    long wait =
        buckets
            .computeIfAbsent(tenantId, id -> new TokenBucket(burst, now))
            .take(events, rate, burst, now);
    if (wait > 0) {
      long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
      throw new OverQuotaException(
          "tenant '"
              + tenantSlug
              + "' is over its ingest quota of "
              + rate
              + " events/s (burst "
              + burst
              + "); nothing of this batch was accepted, retry after "
              + seconds
              + " s",
          seconds);
    }
  }
}
