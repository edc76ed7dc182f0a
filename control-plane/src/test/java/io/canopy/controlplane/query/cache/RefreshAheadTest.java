package io.canopy.controlplane.query.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A key in use is reloaded in the background while its value serves; nothing older than the maximum
 * age is served; a key unused for its refresh interval is loaded by its request. The clock and the
 * background are the test's: reloads (and Caffeine's upkeep) run only when the test runs them.
 */
class RefreshAheadTest {
  private static final Duration EVERY = Duration.ofSeconds(5);
  private static final Duration MAX_AGE = Duration.ofSeconds(10);

  private final AtomicLong nanos = new AtomicLong();
  private final Queue<Runnable> background = new ArrayDeque<>();
  private final AtomicInteger loads = new AtomicInteger();
  private volatile boolean failing;
  private final LoadingCache<String, String> cache =
      RefreshAhead.build(
          EVERY,
          MAX_AGE,
          background::add,
          key -> {
            if (failing) {
              throw new IllegalStateException("the broker is down");
            }
            return key + "#" + loads.incrementAndGet();
          },
          nanos::get);

  private void pass(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  private void runBackground() {
    while (!background.isEmpty()) {
      background.poll().run();
    }
  }

  @Test
  void aYoungValueServesWithoutAnyReload() {
    assertThat(cache.get("events")).isEqualTo("events#1");
    pass(Duration.ofSeconds(4));
    assertThat(cache.get("events")).isEqualTo("events#1");
    runBackground();
    assertThat(loads).hasValue(1);
  }

  @Test
  void pastItsRefreshIntervalAValueInUseKeepsServingWhileItReloadsInTheBackground() {
    cache.get("events");
    pass(Duration.ofSeconds(3));
    cache.get("events");
    pass(Duration.ofSeconds(3));
    // The request is answered now, with the value it has; the reload waits for the background.
    assertThat(cache.get("events")).isEqualTo("events#1");
    // Asked again while the reload is pending: no second reload.
    assertThat(cache.get("events")).isEqualTo("events#1");
    assertThat(loads).hasValue(1);
    runBackground();
    assertThat(loads).hasValue(2);
    assertThat(cache.get("events")).isEqualTo("events#2");
    // The reload counts as a new write: its age starts again.
    pass(Duration.ofSeconds(3));
    assertThat(cache.get("events")).isEqualTo("events#2");
  }

  @Test
  void aValueUnusedForItsRefreshIntervalIsLoadedByTheNextRequest() {
    cache.get("events");
    pass(EVERY.plusMillis(1));
    // A quiet spell: the request reads what is there now, not the value of before it.
    assertThat(cache.get("events")).isEqualTo("events#2");
  }

  @Test
  void aFailedReloadKeepsTheValueUntilItsMaximumAgeThenTheRequestFails() {
    cache.get("events");
    failing = true;
    for (int i = 0; i < 3; i++) {
      pass(Duration.ofSeconds(3));
      assertThat(cache.get("events")).isEqualTo("events#1");
      runBackground();
    }
    pass(Duration.ofSeconds(3)); // 12 s since it was loaded: older than the maximum age
    assertThatThrownBy(() -> cache.get("events"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the broker is down");
  }

  @Test
  void keysAreReloadedApart() {
    cache.get("events");
    pass(Duration.ofSeconds(3));
    cache.get("events");
    cache.get("clicks");
    pass(Duration.ofSeconds(3));
    assertThat(cache.get("clicks")).isEqualTo("clicks#2");
    assertThat(cache.get("events")).isEqualTo("events#1");
    runBackground();
    assertThat(cache.get("events")).isEqualTo("events#3");
    assertThat(cache.get("clicks")).isEqualTo("clicks#2");
  }
}
