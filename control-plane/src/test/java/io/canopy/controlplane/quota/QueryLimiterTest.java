package io.canopy.controlplane.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.controlplane.common.OverQuotaException;
import io.canopy.controlplane.common.Quotas;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Query quotas on a fake clock: concurrency and queries per minute, per tenant. */
class QueryLimiterTest {
  private final AtomicLong nanos = new AtomicLong();
  private final QueryLimiter limiter = new QueryLimiter(nanos::get);
  private final UUID tenant = UUID.randomUUID();

  private static Quotas quotas(int concurrency, int perMinute) {
    return new Quotas(null, null, null, null, concurrency, 30_000, perMinute, 0);
  }

  @Test
  void concurrentQueriesAboveTheQuotaAreRefusedUntilOneEnds() {
    Quotas two = quotas(2, 1_000);
    QueryLimiter.Slot first = limiter.admit(tenant, "acme", two);
    QueryLimiter.Slot second = limiter.admit(tenant, "acme", two);

    assertThatThrownBy(() -> limiter.admit(tenant, "acme", two))
        .isInstanceOf(OverQuotaException.class)
        .hasMessageContaining("queryConcurrency")
        .hasFieldOrPropertyWithValue("retryAfterSeconds", 1L);
    first.close();
    limiter.admit(tenant, "acme", two).close();
    second.close();
    // another tenant was never affected
    limiter.admit(UUID.randomUUID(), "other", quotas(1, 1)).close();
  }

  @Test
  void queriesPerMinuteRefillAtTheirRate() {
    Quotas sixty = quotas(100, 60);
    for (int i = 0; i < 60; i++) {
      limiter.admit(tenant, "acme", sixty).close();
    }
    assertThatThrownBy(() -> limiter.admit(tenant, "acme", sixty))
        .isInstanceOf(OverQuotaException.class)
        .hasMessageContaining("queriesPerMinute")
        .hasFieldOrPropertyWithValue("retryAfterSeconds", 1L);

    nanos.addAndGet(1_000_000_000L); // one second: one query's worth at 60 a minute
    limiter.admit(tenant, "acme", sixty).close();
    assertThatThrownBy(() -> limiter.admit(tenant, "acme", sixty))
        .isInstanceOf(OverQuotaException.class);
  }

  @Test
  void aRefusalByRateLeavesNoRunningQueryBehind() {
    Quotas one = quotas(1, 1);
    limiter.admit(tenant, "acme", one).close();
    assertThatThrownBy(() -> limiter.admit(tenant, "acme", one))
        .hasMessageContaining("queriesPerMinute");

    nanos.addAndGet(60_000_000_000L);
    // had the refused query kept its place, concurrency 1 would refuse this one
    limiter.admit(tenant, "acme", one).close();
    assertThat(nanos.get()).isPositive();
  }
}
