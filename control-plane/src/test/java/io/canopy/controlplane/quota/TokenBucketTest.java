package io.canopy.controlplane.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final int BURST = 10_000;

  @Test
  void racingTakesGetExactlyTheTokensThereAre() throws Exception {
    // The clock stands still: nothing refills, so exactly BURST takes of one can succeed.
    TokenBucket bucket = new TokenBucket(BURST, 0);
    AtomicInteger taken = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                for (int i = 0; i < 2 * BURST / 8; i++) {
                  if (bucket.take(1, 1.0, BURST, 0) == 0) {
                    taken.incrementAndGet();
                  }
                }
              });
      thread.start();
      threads.add(thread);
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(taken).hasValue(BURST);
    assertThat(bucket.take(1, 1.0, BURST, 0)).isEqualTo(1_000_000_000L);
  }

  @Test
  void aTakeWithAnOlderClockRefillsNothingAndTakesNothingAway() {
    TokenBucket bucket = new TokenBucket(2, 1_000_000_000L);
    assertThat(bucket.take(2, 1.0, 2, 1_000_000_000L)).isZero();
    // Read the clock before the take above, arrived after it: no tokens, and none owed.
    assertThat(bucket.take(1, 1.0, 2, 500_000_000L)).isEqualTo(1_000_000_000L);
    assertThat(bucket.take(1, 1.0, 2, 2_000_000_000L)).isZero();
  }
}
