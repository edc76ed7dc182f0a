package io.canopy.controlplane.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.controlplane.common.OverQuotaException;
import io.canopy.controlplane.common.Quotas;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket per tenant, on a hand-moved clock. */
class IngestRateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong clock = new AtomicLong(42 * SECOND);
  private final IngestRateLimiter limiter = new IngestRateLimiter(clock::get);
  private final UUID tenant = UUID.randomUUID();

  private static Quotas quota(int perSecond, int burst) {
    return new Quotas(perSecond, burst, 100, 10_000L, 1, 1000, 1, 0);
  }

  @Test
  void aBurstIsAdmittedThenRefusedWithTheSecondsUntilTheBatchFits() {
    Quotas q = quota(100, 300);
    limiter.admit(tenant, "t", q, 100);
    limiter.admit(tenant, "t", q, 200);

    assertThatThrownBy(() -> limiter.admit(tenant, "t", q, 250))
        .isInstanceOfSatisfying(
            OverQuotaException.class,
            e -> {
              assertThat(e.retryAfterSeconds()).isEqualTo(3); // 250 tokens at 100/s
              assertThat(e.getMessage()).contains("100 events/s (burst 300)");
            });

    clock.addAndGet(2_500_000_000L);
    limiter.admit(tenant, "t", q, 250);
  }

  @Test
  void atTheSustainedRateNothingIsEverRefusedAndTheBucketEndsFull() {
    Quotas q = quota(1000, 1000);
    for (int i = 0; i < 10_000; i++) {
      limiter.admit(tenant, "t", q, 100);
      clock.addAndGet(SECOND / 10); // 100 events every 100 ms = exactly 1000/s
    }

    // every token taken was given back, no more: exactly the burst is left, and not one more
    limiter.admit(tenant, "t", q, 1000);
    assertThatThrownBy(() -> limiter.admit(tenant, "t", q, 1))
        .isInstanceOf(OverQuotaException.class);
  }

  @Test
  void theBucketNeverHoldsMoreThanTheBurst() {
    Quotas q = quota(10, 50);
    clock.addAndGet(3600 * SECOND);
    limiter.admit(tenant, "t", q, 50);

    assertThatThrownBy(() -> limiter.admit(tenant, "t", q, 1))
        .isInstanceOf(OverQuotaException.class);
  }

  @Test
  void tenantsHaveTheirOwnBucketsAndAQuotaChangeAppliesAtOnce() {
    Quotas small = quota(1, 10);
    limiter.admit(tenant, "t", small, 10);
    limiter.admit(UUID.randomUUID(), "other", small, 10);

    assertThatThrownBy(() -> limiter.admit(tenant, "t", small, 10))
        .isInstanceOf(OverQuotaException.class);
    clock.addAndGet(SECOND);
    limiter.admit(tenant, "t", quota(100, 1000), 100);
  }
}
