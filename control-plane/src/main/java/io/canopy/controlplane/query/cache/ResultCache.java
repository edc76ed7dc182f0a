package io.canopy.controlplane.query.cache;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.canopy.controlplane.common.AbandonedException;
import io.canopy.controlplane.common.Demand;
import io.canopy.controlplane.druid.SqlParameter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Druid answers, per control-plane instance, bounded in bytes. The key is the tenant, the
 * datasource, the query's SQL and parameters (which hold the tenant condition and the range), and
 * the version of what it read: the segments' fingerprint for a settled part, which is kept until
 * the segments change, or nothing for a live part, which expires after the TTL ± 10 % (so entries
 * of many dashboards do not all expire together). Concurrent requests for the same key share one
 * Druid query (single flight, {@link Flight}), which runs while any of them still waits; a failed
 * or abandoned query is not kept.
 *
 * <p>Stale while revalidate: a live question whose answer expired or whose range moved (a relative
 * range moves every minute) is answered with its answer of a moment ago, if that one is at most two
 * TTLs old, while the new one is computed in the background; so requests do not wait for Druid when
 * a TTL runs out or a minute begins. The answer's {@code computedAt} says how old it is. Expiry
 * follows {@code clock}.
 *
 * <p>Metrics ({@code canopy.query.cache.*}): hits, misses, single-flight joins, earlier answers
 * served while revalidating ({@code stale}), evictions, Druid query time. Thread-safe.
 */
public final class ResultCache {
  private static final Logger LOG = LoggerFactory.getLogger(ResultCache.class);

  /** How long a settled answer is kept at most, even when its segments never change. */
  static final Duration SETTLED_TTL = Duration.ofHours(24);

  /** What a query read; {@code version} null for a live part. */
  public record Key(
      String tenant,
      String datasource,
      String sql,
      List<SqlParameter> parameters,
      String version) {}

  /**
   * A live question whose range moves: {@code shape} is its key with the range's instants left out
   * but the range as asked kept ({@code last 7d} in a time zone, or the very same absolute range),
   * so it is the same for every position of that range and never another range's; {@code start} and
   * {@code end} are the range of this request, and {@code role} the part of the whole range it is.
   */
  public record Moving(Key shape, Instant start, Instant end, Role role) {}

  /**
   * Which part of a query's range a live part is ({@link RangeSplit}): the part before the first
   * bucket boundary, whose start moves while its end stays on the boundary; the tail from the last
   * settled boundary, whose end moves while its start stays; or the whole range.
   */
  public enum Role {
    EDGE,
    TAIL,
    WHOLE
  }

  /**
   * An answer and when Druid computed it, or, for a query written with the values of earlier
   * answers (a split's top values), when the oldest of those was computed if earlier: the moment
   * its rows reflect. {@code serial} is this cache's number for it, which no other of its answers
   * has (so an answer served again, from the cache or as the answer of a moment ago, is known by it
   * without comparing its rows). {@code start} and {@code end}: the range it covers, for the answer
   * of a moving question (it may serve a later position of the range as its answer of a moment
   * ago); null for any other.
   */
  public record Answer(
      ArrayNode rows, Instant computedAt, long serial, Instant start, Instant end) {}

  private record Entry(Answer answer, long ttlNanos, int weight) {}

  private final AsyncCache<Key, Entry> cache;
  private final Duration liveTtl;
  private final Clock clock;
  private final Executor refresher;
  private final EarlierAnswers earlier;
  private final Counter hits;
  private final Counter misses;
  private final Counter joins;
  private final Counter stale;
  private final Counter evictions;
  private final Timer druidTime;
  private final AtomicLong serials = new AtomicLong();

  /**
   * @param refresher runs the queries of moving questions answered with an earlier answer; when it
   *     refuses one, the request runs it and waits
   */
  public ResultCache(
      long maxBytes, Duration liveTtl, Clock clock, Executor refresher, MetricRegistry metrics) {
    this.liveTtl = liveTtl;
    this.clock = clock;
    this.refresher = refresher;
    // A quarter of the bytes for the earlier answers, the rest for the cache.
    this.earlier = new EarlierAnswers(maxBytes / 4, staleLimit());
    this.hits = metrics.counter("canopy.query.cache.hits");
    this.misses = metrics.counter("canopy.query.cache.misses");
    this.joins = metrics.counter("canopy.query.cache.joins");
    this.stale = metrics.counter("canopy.query.cache.stale");
    this.evictions = metrics.counter("canopy.query.cache.evictions");
    this.druidTime = metrics.timer("canopy.query.druid");
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes - maxBytes / 4)
            .weigher((Key k, Entry e) -> e.weight())
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
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

  /** A Druid query for a key; {@code flight} says whether anyone still waits for its answer. */
  @FunctionalInterface
  public interface Loader {
    ArrayNode load(Demand flight);
  }

  /** The answer for {@code key}, for a caller that always waits: cached, joined, or loaded now. */
  public Answer get(Key key, Loader load) {
    return get(key, load, Demand.ALWAYS, false, null, null);
  }

  /**
   * The answer for {@code key}: cached, joined with a running query, or loaded now.
   *
   * @param demand whether this request's client still waits; a query runs on while anyone who asked
   *     for it waits, and is abandoned once all of them are gone
   * @param refresh a finished answer is not used but loaded anew and kept in its place (a query
   *     already running is still joined: its answer is as new)
   * @param moving for a live question over a moving range (else null), lets an earlier answer serve
   *     while this one loads
   * @param writtenFrom when the answers the query was written with were computed (the oldest), or
   *     null; the answer counts as computed then if that is earlier
   */
  public Answer get(
      Key key, Loader load, Demand demand, boolean refresh, Moving moving, Instant writtenFrom) {
    Flight<Entry> mine = new Flight<>();
    CompletableFuture<Entry> existing = cache.asMap().putIfAbsent(key, mine);
    if (existing != null && refresh && existing.isDone()) {
      existing = cache.asMap().replace(key, existing, mine) ? null : cache.asMap().get(key);
    }
    boolean answered = existing != null && existing.isDone();
    Answer before = refresh || moving == null || answered ? null : earlier(moving);
    if (existing != null) {
      if (before != null) {
        stale.inc();
        return before;
      }
      (answered ? hits : joins).inc();
      if (existing instanceof Flight<?> running) {
        running.await(demand);
      }
      try {
        return join(existing);
      } catch (AbandonedException e) {
        // Everyone else who waited for it went away just before this request joined.
        if (demand.gone()) {
          throw e;
        }
        return get(key, load, demand, refresh, moving, writtenFrom);
      }
    }
    misses.inc();
    if (before != null && inBackground(key, mine, load, moving, writtenFrom)) {
      stale.inc();
      return before;
    }
    mine.await(demand);
    return load(key, mine, load, moving, writtenFrom);
  }

  private static Answer join(CompletableFuture<Entry> running) {
    try {
      return running.join().answer();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private Answer load(Key key, Flight<Entry> mine, Loader load, Moving m, Instant writtenFrom) {
    Timer.Context timing = druidTime.time();
    try {
      ArrayNode rows = load.load(mine);
      timing.stop();
      Instant now = clock.instant();
      Entry entry =
          new Entry(
              new Answer(
                  rows,
                  writtenFrom != null && writtenFrom.isBefore(now) ? writtenFrom : now,
                  serials.incrementAndGet(),
                  m == null ? null : m.start(),
                  m == null ? null : m.end()),
              ttl(key).toNanos(),
              weight(key, rows));
      mine.land(entry);
      if (m != null) {
        earlier.answered(m, entry.answer(), entry.weight());
      }
      return entry.answer();
    } catch (RuntimeException e) {
      cache.asMap().remove(key, mine);
      mine.fail(e);
      throw e;
    }
  }

  /** Starts {@code key}'s query on the refresher, for nobody in particular; false if it refused. */
  private boolean inBackground(
      Key key, Flight<Entry> mine, Loader load, Moving moving, Instant writtenFrom) {
    try {
      refresher.execute(
          () -> {
            try {
              mine.await(Demand.ALWAYS);
              load(key, mine, load, moving, writtenFrom);
            } catch (RuntimeException e) {
              // Not kept; the next request tries again, or waits once the earlier answer is too
              // old.
              LOG.debug("a revalidation failed: {}", e.getMessage());
            }
          });
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** The answer of {@code moving}'s question of a moment ago, if it is young enough. */
  private Answer earlier(Moving moving) {
    Answer a = earlier.before(moving);
    return a != null
            && Duration.between(a.computedAt(), clock.instant()).compareTo(staleLimit()) <= 0
        ? a
        : null;
  }

  /** The oldest an answer may be when it serves while a new one loads. */
  private Duration staleLimit() {
    return liveTtl.multipliedBy(2);
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
