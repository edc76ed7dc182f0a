package io.canopy.controlplane.query.cache;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.canopy.controlplane.druid.SqlParameter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Druid answers, per control-plane instance, bounded in bytes. The key is the tenant, the
 * datasource, the query's SQL and parameters (which hold the tenant condition and the range), and
 * the version of what it read: the segments' fingerprint for a settled part, which is kept until
 * the segments change, or nothing for a live part, which expires after the TTL ± 10 % (so entries
 * of many dashboards do not all expire together). Concurrent requests for the same key share one
 * Druid query (single flight); a failed query is not kept. Metrics ({@code canopy.query.cache.*}):
 * hits, misses, single-flight joins, evictions, Druid query time. Thread-safe.
 */
public final class ResultCache {
  /** How long a settled answer is kept at most, even when its segments never change. */
  static final Duration SETTLED_TTL = Duration.ofHours(24);

  /** What a query read; {@code version} null for a live part. */
  public record Key(
      String tenant,
      String datasource,
      String sql,
      List<SqlParameter> parameters,
      String version) {}

  /** An answer and when Druid computed it. */
  public record Answer(ArrayNode rows, Instant computedAt) {}

  private record Entry(Answer answer, long ttlNanos, int weight) {}

  private final AsyncCache<Key, Entry> cache;
  private final Duration liveTtl;
  private final Clock clock;
  private final Counter hits;
  private final Counter misses;
  private final Counter joins;
  private final Counter evictions;
  private final Timer druidTime;

  public ResultCache(long maxBytes, Duration liveTtl, Clock clock, MetricRegistry metrics) {
    this.liveTtl = liveTtl;
    this.clock = clock;
    this.hits = metrics.counter("canopy.query.cache.hits");
    this.misses = metrics.counter("canopy.query.cache.misses");
    this.joins = metrics.counter("canopy.query.cache.joins");
    this.evictions = metrics.counter("canopy.query.cache.evictions");
    this.druidTime = metrics.timer("canopy.query.druid");
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((Key k, Entry e) -> e.weight())
            .expireAfter(
                new Expiry<Key, Entry>() {
                  @Override
                  public long expireAfterCreate(Key k, Entry e, long now) {
                    return e.ttlNanos();
                  }

                  @Override
                  public long expireAfterUpdate(Key k, Entry e, long now, long current) {
                    return e.ttlNanos();
                  }

                  @Override
                  public long expireAfterRead(Key k, Entry e, long now, long current) {
                    return current;
                  }
                })
            .removalListener(
                (Key k, Entry e, RemovalCause cause) -> {
                  if (cause == RemovalCause.SIZE) {
                    evictions.inc();
                  }
                })
            .buildAsync();
    metrics.gauge(
        "canopy.query.cache.bytes",
        () ->
            () ->
                cache
                    .synchronous()
                    .policy()
                    .eviction()
                    .map(e -> e.weightedSize().orElse(0L))
                    .orElse(0L));
  }

  /** The answer for {@code key}: cached, joined with a running query, or loaded now. */
  public Answer get(Key key, Supplier<ArrayNode> load) {
    return get(key, load, false);
  }

  /**
   * As {@link #get(Key, Supplier)}; with {@code refresh}, a finished answer is not used but loaded
   * anew and kept in its place (a query already running is still joined: its answer is as new).
   */
  public Answer get(Key key, Supplier<ArrayNode> load, boolean refresh) {
    CompletableFuture<Entry> mine = new CompletableFuture<>();
    CompletableFuture<Entry> existing = cache.asMap().putIfAbsent(key, mine);
    if (existing != null && refresh && existing.isDone()) {
      existing = cache.asMap().replace(key, existing, mine) ? null : cache.asMap().get(key);
    }
    if (existing != null) {
      (existing.isDone() ? hits : joins).inc();
      try {
        return existing.join().answer();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    misses.inc();
    Timer.Context timing = druidTime.time();
    try {
      ArrayNode rows = load.get();
      timing.stop();
      Entry entry =
          new Entry(new Answer(rows, clock.instant()), ttl(key).toNanos(), weight(key, rows));
      mine.complete(entry);
      return entry.answer();
    } catch (RuntimeException e) {
      cache.asMap().remove(key, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  private Duration ttl(Key key) {
    if (key.version() != null) {
      return SETTLED_TTL;
    }
    double jitter = 1 + ThreadLocalRandom.current().nextDouble(-0.1, 0.1);
    return Duration.ofMillis((long) (liveTtl.toMillis() * jitter));
  }

  /** About two bytes a character of the JSON, plus the key's SQL. */
  private static int weight(Key key, ArrayNode rows) {
    long chars = rows.toString().length() + key.sql().length() + 256L;
    return (int) Math.min(Integer.MAX_VALUE, 2 * chars);
  }
}
