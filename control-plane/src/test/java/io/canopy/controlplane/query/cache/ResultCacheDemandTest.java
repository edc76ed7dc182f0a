package io.canopy.controlplane.query.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.canopy.controlplane.Eventually;
import io.canopy.controlplane.common.AbandonedException;
import io.canopy.controlplane.common.Demand;
import io.canopy.controlplane.druid.SqlParameter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Single flight and clients that go away: the shared query sees whether anyone still waits, and a
 * request that joined a query abandoned by the others asks again.
 */
class ResultCacheDemandTest {
  private static final ResultCache.Key KEY =
      new ResultCache.Key(
          "acme",
          "events",
          "SELECT 1 WHERE tenant = ?",
          List.of(SqlParameter.varchar("acme")),
          null);

  private final MetricRegistry metrics = new MetricRegistry();
  private final ResultCache cache =
      new ResultCache(1 << 20, Duration.ofSeconds(60), Clock.systemUTC(), Runnable::run, metrics);
  private final AtomicBoolean aGone = new AtomicBoolean();
  private final AtomicBoolean bGone = new AtomicBoolean();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicReference<Demand> flight = new AtomicReference<>();
  private final AtomicInteger loads = new AtomicInteger();
  private final ExecutorService clients = Executors.newCachedThreadPool();

  @AfterEach
  void releaseLoads() {
    release.countDown();
    clients.shutdownNow();
  }

  private static ArrayNode rows(long n) {
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    rows.addObject().put("m0", n);
    return rows;
  }

  /** Holds the query until released, then ends it as Druid would: abandoned if nobody waits. */
  private ArrayNode held(Demand d) {
    loads.incrementAndGet();
    flight.set(d);
    await(release);
    if (d.gone()) {
      throw new AbandonedException("everyone went away");
    }
    return rows(1);
  }

  private CompletableFuture<ResultCache.Answer> ask(ResultCache.Loader load, AtomicBoolean gone) {
    return CompletableFuture.supplyAsync(
        () -> cache.get(KEY, load, gone::get, false, null, null), clients);
  }

  /** A asks and its query runs (held); b asks the same and joins it. */
  private List<CompletableFuture<ResultCache.Answer>> aRunsAndBJoins() {
    CompletableFuture<ResultCache.Answer> a = ask(this::held, aGone);
    Eventually.until("a's query runs", Duration.ofSeconds(10), () -> flight.get() != null);
    CompletableFuture<ResultCache.Answer> b = ask(this::held, bGone);
    Eventually.until(
        "b joined",
        Duration.ofSeconds(10),
        () -> metrics.counter("canopy.query.cache.joins").getCount() == 1);
    return List.of(a, b);
  }

  @Test
  void theSharedQueryRunsWhileAnyoneWaitsAndStopsWhenNobodyDoes() {
    List<CompletableFuture<ResultCache.Answer>> both = aRunsAndBJoins();
    CompletableFuture<ResultCache.Answer> a = both.get(0);
    CompletableFuture<ResultCache.Answer> b = both.get(1);

    aGone.set(true);
    assertThat(flight.get().gone()).as("b still waits for the shared query").isFalse();
    bGone.set(true);
    assertThat(flight.get().gone()).isTrue();
    release.countDown();

    assertThatThrownBy(a::join).hasCauseInstanceOf(AbandonedException.class);
    assertThatThrownBy(b::join).hasCauseInstanceOf(AbandonedException.class);
    assertThat(loads).hasValue(1);
  }

  @Test
  void oneClientGoingAwayLeavesTheOthersAnswer() {
    List<CompletableFuture<ResultCache.Answer>> both = aRunsAndBJoins();
    CompletableFuture<ResultCache.Answer> a = both.get(0);
    CompletableFuture<ResultCache.Answer> b = both.get(1);

    aGone.set(true);
    release.countDown();

    assertThat(b.join().rows().get(0).path("m0").asLong()).isEqualTo(1);
    assertThat(a.join().rows().get(0).path("m0").asLong()).isEqualTo(1);
    assertThat(loads).hasValue(1);
  }

  @Test
  void aRequestThatJoinedAnAbandonedQueryAsksAgain() {
    // The first query is abandoned whoever waits: its loader saw everyone gone just before b
    // joined. The second is b's own.
    ResultCache.Loader load =
        d -> {
          if (loads.getAndIncrement() == 0) {
            flight.set(d);
            await(release);
            throw new AbandonedException("everyone went away");
          }
          return rows(2);
        };
    aGone.set(true);
    CompletableFuture<ResultCache.Answer> a = ask(load, aGone);
    Eventually.until("a's query runs", Duration.ofSeconds(10), () -> flight.get() != null);
    CompletableFuture<ResultCache.Answer> b = ask(load, bGone);
    Eventually.until(
        "b joined",
        Duration.ofSeconds(10),
        () -> metrics.counter("canopy.query.cache.joins").getCount() == 1);
    release.countDown();

    assertThatThrownBy(a::join).hasCauseInstanceOf(AbandonedException.class);
    assertThat(b.join().rows().get(0).path("m0").asLong()).isEqualTo(2);
    assertThat(loads).hasValue(2);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
