package io.canopy.controlplane.query.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.canopy.controlplane.common.Demand;
import io.canopy.controlplane.druid.SqlParameter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Single flight, keys by tenant and version, refresh, failures not kept, and the counters. */
class ResultCacheTest {
  private final MetricRegistry metrics = new MetricRegistry();
  private final ResultCache cache =
      new ResultCache(1 << 20, Duration.ofSeconds(60), Clock.systemUTC(), Runnable::run, metrics);

  private static ResultCache.Key key(String tenant, String version) {
    return new ResultCache.Key(
        tenant,
        "events",
        "SELECT SUM(\"count\") FROM events WHERE tenant = ?",
        List.of(SqlParameter.varchar(tenant)),
        version);
  }

  private static ArrayNode rows(long n) {
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    rows.addObject().put("m0", n);
    return rows;
  }

  private long count(String name) {
    return metrics.counter("canopy.query.cache." + name).getCount();
  }

  @Test
  void twoHundredConcurrentIdenticalRequestsShareOneLoad() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(200);
    List<Future<Long>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      answers.add(
          pool.submit(
              () ->
                  cache
                      .get(
                          key("acme", "fp1"),
                          d -> {
                            loads.incrementAndGet();
                            try {
                              release.await(10, TimeUnit.SECONDS); // hold the query open
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                            return rows(7);
                          })
                      .rows()
                      .get(0)
                      .path("m0")
                      .asLong()));
    }
    while (count("misses") + count("joins") + count("hits") < 200) {
      Thread.onSpinWait(); // every request has reached the cache
    }
    release.countDown();
    for (Future<Long> a : answers) {
      assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo(7);
    }
    pool.shutdown();

    assertThat(loads).hasValue(1);
    assertThat(count("misses")).isEqualTo(1);
    assertThat(count("joins") + count("hits")).isEqualTo(199);
  }

  @Test
  void anotherTenantOrAnotherVersionIsAnotherEntry() {
    cache.get(key("acme", "fp1"), d -> rows(1));

    assertThat(cache.get(key("acme", "fp1"), d -> rows(99)).rows().get(0).path("m0").asLong())
        .isEqualTo(1);
    assertThat(cache.get(key("other", "fp1"), d -> rows(2)).rows().get(0).path("m0").asLong())
        .isEqualTo(2);
    assertThat(cache.get(key("acme", "fp2"), d -> rows(3)).rows().get(0).path("m0").asLong())
        .isEqualTo(3);
    assertThat(count("hits")).isEqualTo(1);
    assertThat(count("misses")).isEqualTo(3);
  }

  @Test
  void aLiveAnswerIsKeptForItsTtl() {
    cache.get(key("acme", null), d -> rows(1));

    assertThat(cache.get(key("acme", null), d -> rows(2)).rows().get(0).path("m0").asLong())
        .isEqualTo(1);
    assertThat(count("hits")).isEqualTo(1);
  }

  @Test
  void aFailedQueryIsNotKept() {
    assertThatThrownBy(
            () ->
                cache.get(
                    key("acme", null),
                    d -> {
                      throw new IllegalStateException("Druid away");
                    }))
        .hasMessage("Druid away");

    assertThat(cache.get(key("acme", null), d -> rows(5)).rows().get(0).path("m0").asLong())
        .isEqualTo(5);
  }

  @Test
  void aRefreshLoadsAnewAndKeepsTheNewAnswerForTheNextRequest() {
    cache.get(key("acme", "fp1"), d -> rows(1));

    ResultCache.Answer refreshed =
        cache.get(key("acme", "fp1"), d -> rows(2), Demand.ALWAYS, true, null, null);
    ResultCache.Answer next = cache.get(key("acme", "fp1"), d -> rows(3));

    assertThat(refreshed.rows().get(0).path("m0").asLong()).isEqualTo(2);
    assertThat(next.rows().get(0).path("m0").asLong()).isEqualTo(2);
    assertThat(count("misses")).isEqualTo(2);
    assertThat(count("hits")).isEqualTo(1);
  }
}
