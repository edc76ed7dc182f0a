package io.canopy.druid.quota;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The gate's arithmetic on a clock the test moves: concurrency, the minute's budget, tags. */
class TenantQueryGateTest {
  private static final byte[] SECRET = "secret".getBytes(StandardCharsets.UTF_8);

  private final AtomicLong now = new AtomicLong();
  private final ScheduledExecutorService stopper = Executors.newSingleThreadScheduledExecutor();
  private final RequestTags tags = new RequestTags(SECRET);
  private final TenantQueryGate gate =
      new TenantQueryGate(tags, stopper, Duration.ofSeconds(1), now::get, Ticker.systemTicker());

  @AfterEach
  void stop() {
    stopper.shutdownNow();
  }

  @Test
  void aClosedTicketFreesItsPlaceOnce() {
    QueryQuota quota = new QueryQuota(1, 100, 30_000, 0);
    QueryTicket first = (QueryTicket) gate.admit("a", quota, null);
    assertThat(gate.admit("a", quota, null)).isInstanceOf(TenantQueryGate.Refused.class);
    assertThat(gate.admit("b", quota, null)).isInstanceOf(QueryTicket.class);
    first.close();
    first.close();
    assertThat(gate.running("a")).isZero();
    assertThat(gate.admit("a", quota, null)).isInstanceOf(QueryTicket.class);
    assertThat(gate.running("a")).isEqualTo(1);
  }

  @Test
  void theMinutesBudgetRefillsAtItsRateAndSaysWhenToRetry() {
    QueryQuota quota = new QueryQuota(100, 60, 30_000, 0); // one a second
    for (int i = 0; i < 60; i++) {
      ((QueryTicket) gate.admit("a", quota, null)).close();
    }
    TenantQueryGate.Refused over = (TenantQueryGate.Refused) gate.admit("a", quota, null);
    assertThat(over.quota()).isEqualTo("queriesPerMinute");
    assertThat(over.retryAfterSeconds()).isEqualTo(1);
    now.addAndGet(Duration.ofMillis(1_000).toNanos());
    assertThat(gate.admit("a", quota, null)).isInstanceOf(QueryTicket.class);
    assertThat(gate.admit("a", quota, null)).isInstanceOf(TenantQueryGate.Refused.class);
    // A lowered quota applies at once: the bucket never holds more than the new size.
    now.addAndGet(Duration.ofMinutes(5).toNanos());
    QueryQuota lower = new QueryQuota(100, 2, 30_000, 0);
    assertThat(gate.admit("a", lower, null)).isInstanceOf(QueryTicket.class);
    assertThat(gate.admit("a", lower, null)).isInstanceOf(QueryTicket.class);
    over = (TenantQueryGate.Refused) gate.admit("a", lower, null);
    assertThat(over.retryAfterSeconds()).isEqualTo(30);
  }

  /** The most a tenant may have, after a quiet day: a full bucket, never an overflowed one. */
  @Test
  void aBucketOfTheLargestQuotaRefillsAfterADayWithoutOverflowing() {
    QueryQuota quota = new QueryQuota(100, 10_000_000, 30_000, 0);
    ((QueryTicket) gate.admit("a", quota, null)).close();
    now.addAndGet(Duration.ofDays(1).toNanos());
    for (int i = 0; i < 1_000; i++) {
      TenantQueryGate.Admission a = gate.admit("a", quota, null);
      assertThat(a).as("query %d after a quiet day", i).isInstanceOf(QueryTicket.class);
      ((QueryTicket) a).close();
    }
  }

  @Test
  void aRefusedQueryOfATaggedRequestLeavesTheTagUncounted() {
    QueryQuota quota = new QueryQuota(1, 2, 30_000, 0);
    QueryTicket running = (QueryTicket) gate.admit("a", quota, null);
    String tag = tags.tag("a", "r1");
    assertThat(gate.admit("a", quota, tag)).isInstanceOf(TenantQueryGate.Refused.class);
    running.close();
    ((QueryTicket) gate.admit("a", quota, tag)).close(); // the second token
    ((QueryTicket) gate.admit("a", quota, tag)).close(); // the same request: no token
    assertThat(gate.admit("a", quota, null)).isInstanceOf(TenantQueryGate.Refused.class);
  }

  @Test
  void aTagIsTheTenantsAndItsIdsOnly() {
    String tag = tags.tag("a", "r1");
    assertThat(tags.requestId("a", tag)).isEqualTo("r1");
    assertThat(tags.requestId("b", tag)).isNull();
    assertThat(tags.requestId("a", tag.replace("r1.", "r2."))).isNull();
    assertThat(tags.requestId("a", "r1")).isNull();
    assertThat(tags.requestId("a", "r1.zz")).isNull();
    assertThat(new RequestTags("other".getBytes(StandardCharsets.UTF_8)).requestId("a", tag))
        .isNull();
    // The control plane signs the same way (its known-answer test has this value).
    assertThat(new RequestTags(SECRET).tag("acme", "0f8e1c2a-1111-4222-8333-444455556666"))
        .isEqualTo(KNOWN_TAG);
  }

  /**
   * Worked out apart from this code: {@code printf 'acme\n<id>' | openssl dgst -sha256 -hmac
   * secret}.
   */
  static final String KNOWN_TAG =
      "0f8e1c2a-1111-4222-8333-444455556666."
          + "08837a3392e6f0446945d935f47dd7c9236a053e37cdde8cb4aac1502c98f061";
}
