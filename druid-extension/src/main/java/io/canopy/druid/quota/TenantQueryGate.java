package io.canopy.druid.quota;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import javax.annotation.Nullable;

/**
 * Each tenant's query quotas on one Druid service, the same that {@code /v1/query} enforces on the
 * control plane: at most {@code concurrency} of its queries running here at once, at most {@code
 * perMinute} started per minute, none running past {@code timeoutMs} (a query Druid itself does not
 * stop in time is interrupted: {@link QueryTicket}). The control plane's queries for a tenant come
 * with the tenant's key, so they share its budget; the several Druid queries that one control-plane
 * request runs carry one signed tag ({@link RequestTags}) and count once per minute, as the request
 * did. Quotas are read on every admission, so a change applies within the key cache's TTL. The
 * budget is per service: a deployment with N brokers gives a tenant up to N times it directly.
 * Thread-safe.
 */
public final class TenantQueryGate {
  /** What the gate answers. */
  public sealed interface Admission permits QueryTicket, Refused {}

  /**
   * Over a quota: {@code quota} names it as the control plane does ({@code queryConcurrency},
   * {@code queriesPerMinute}), {@code message} says it to the caller.
   */
  public record Refused(String quota, long retryAfterSeconds, String message)
      implements Admission {}

  /** How long a request's tag is remembered as counted: longer than any query may run. */
  private static final Duration TAG_MEMORY = Duration.ofMinutes(10);

  private final LongSupplier nanoTime;
  private final RequestTags tags;
  private final ScheduledExecutorService stopper;
  private final Duration stopSlack;
  private final Map<String, Budget> budgets = new ConcurrentHashMap<>();
  private final Cache<String, Boolean> counted;

  /**
   * @param stopper runs the interrupts of queries past their time (one thread is plenty)
   * @param stopSlack how long past its timeout a query may run before it is interrupted: Druid's
   *     own timeout answers first where Druid enforces it
   */
  public TenantQueryGate(
      RequestTags tags,
      ScheduledExecutorService stopper,
      Duration stopSlack,
      LongSupplier nanoTime,
      Ticker ticker) {
    this.tags = tags;
    this.stopper = stopper;
    this.stopSlack = stopSlack;
    this.nanoTime = nanoTime;
    this.counted =
        Caffeine.newBuilder()
            .expireAfterWrite(TAG_MEMORY)
            .maximumSize(1_000_000)
            .ticker(ticker)
            .build();
  }

  /** One tenant's running queries and minute's budget. */
  private static final class Budget {
    int running;
    TokenBucket started;
  }

  /**
   * Admits one of {@code tenant}'s queries, or refuses it. An admitted query holds its place until
   * its ticket is closed.
   *
   * @param tag the request's {@link RequestTags#HEADER}, if it has one
   */
  public Admission admit(String tenant, QueryQuota quota, @Nullable String tag) {
    String requestId = tags.requestId(tenant, tag);
    String tagKey = requestId == null ? null : tenant + "\n" + requestId;
    Budget budget = budgets.computeIfAbsent(tenant, t -> new Budget());
    synchronized (budget) {
      if (budget.running >= quota.concurrency()) {
        return new Refused(
            "queryConcurrency",
            1,
            "Tenant '"
                + tenant
                + "' already runs "
                + quota.concurrency()
                + " queries at once, its quota (quotas.queryConcurrency); retry after 1 s.");
      }
      boolean counts = tagKey == null || counted.getIfPresent(tagKey) == null;
      if (counts) {
        long now = nanoTime.getAsLong();
        if (budget.started == null) {
          budget.started = new TokenBucket(quota.perMinute(), now);
        }
        long wait = budget.started.take(quota.perMinute(), now);
        if (wait > 0) {
          long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
          return new Refused(
              "queriesPerMinute",
              seconds,
              "Tenant '"
                  + tenant
                  + "' started "
                  + quota.perMinute()
                  + " queries in the last minute, its quota (quotas.queriesPerMinute); retry after "
                  + seconds
                  + " s.");
        }
        if (tagKey != null) {
          counted.put(tagKey, Boolean.TRUE);
        }
      }
      budget.running++;
    }
    return new QueryTicket(
        () -> {
          synchronized (budget) {
            budget.running--;
          }
        },
        quota,
        stopper,
        stopSlack);
  }

  /** How many of {@code tenant}'s queries run here now. */
  public int running(String tenant) {
    Budget budget = budgets.get(tenant);
    if (budget == null) {
      return 0;
    }
    synchronized (budget) {
      return budget.running;
    }
  }
}
