package io.canopy.controlplane.query;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.controlplane.MovableClock;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.auth.TestCallers;
import io.canopy.controlplane.common.Demand;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.query.cache.ResultCache;
import io.canopy.controlplane.query.cache.SegmentTimelines;
import io.canopy.controlplane.query.model.QueryModel;
import io.canopy.controlplane.quota.QueryLimiter;
import io.dropwizard.jackson.Jackson;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A {@link QueryService} as the control plane wires it (cache, timelines, limiter, measures), over
 * a {@link FakeDruid} and a clock the test moves. Close it to stop its background threads.
 */
final class QueryFixture implements AutoCloseable {
  static final Quotas QUOTAS = new Quotas(1_000, 2_000, 1_000, 1L << 20, 4, 30_000, 1_000_000, 0);
  static final Duration LIVE_TTL = Duration.ofSeconds(60);
  static final ObjectMapper JSON = Jackson.newObjectMapper();

  final FakeDruid druid = new FakeDruid();
  final MovableClock clock = new MovableClock();
  final MetricRegistry metrics = new MetricRegistry();
  final InMemoryMeasureDao measureDao = new InMemoryMeasureDao();
  private final ExecutorService refresher = Executors.newFixedThreadPool(2);
  final QueryService service;
  final MeasureService measures;

  QueryFixture() {
    QueryDatasources targets = new QueryDatasources(null, null, "events", druid, Runnable::run);
    measures = new MeasureService(measureDao, targets, JSON, Runnable::run);
    service =
        new QueryService(
            targets,
            measures,
            new QueryLimiter(System::nanoTime),
            druid,
            new ResultCache(1 << 24, LIVE_TTL, clock, refresher, metrics),
            new SegmentTimelines(druid, Runnable::run),
            clock,
            Duration.ofMinutes(5),
            new RowsMemo(1 << 20, LIVE_TTL, JSON));
  }

  static Caller.TenantKey tenant(String slug) {
    return TestCallers.queryKey(slug, QUOTAS);
  }

  /** The model as the API would read it from {@code json}. */
  static QueryModel model(String json) {
    try {
      return JSON.readValue(json, QueryModel.class);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  QueryResult ask(String tenant, String json) {
    return service.query(tenant(tenant), model(json), false, Demand.ALWAYS);
  }

  private final java.util.concurrent.CountDownLatch held =
      new java.util.concurrent.CountDownLatch(1);

  /** Holds the calling thread until {@link #releaseQueries} (as a hook of the fake's queries). */
  void holdQueries() {
    try {
      held.await(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void releaseQueries() {
    held.countDown();
  }

  long counter(String name) {
    return metrics.counter("canopy.query.cache." + name).getCount();
  }

  @Override
  public void close() {
    releaseQueries();
    refresher.shutdownNow();
  }
}
