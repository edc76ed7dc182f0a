package io.canopy.controlplane.query.cache;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Metadata every query reads (segment timelines, measure catalogs), remembered per key. A key in
 * use is reloaded in the background every {@code every} and keeps serving its current value
 * meanwhile, so requests do not queue behind a reload: with a plain expiry, every request of a busy
 * key waited on the one that reloaded it (a {@code sys.segments} read on a saturated machine took
 * 0.7 s on average, and 100 clients stood still behind it every 5 s). No value older than {@code
 * maxAge} is served; it is kept well above {@code every} because a reload on a saturated machine
 * takes seconds. A key unused for {@code every} is loaded by the request that asks for it (so a
 * request after a quiet spell sees what changed meanwhile, as with a plain expiry), and concurrent
 * requests share that load. A failed background reload keeps the current value until {@code
 * maxAge}; then requests load, and fail, themselves.
 */
public final class RefreshAhead {
  private static final int MAX_KEYS = 10_000;

  private RefreshAhead() {}

  /**
   * @param reloader runs the background reloads; they wait on Druid or PostgreSQL
   */
  public static <K, V> LoadingCache<K, V> build(
      Duration every, Duration maxAge, Executor reloader, CacheLoader<K, V> load) {
    return build(every, maxAge, reloader, load, Ticker.systemTicker());
  }

  static <K, V> LoadingCache<K, V> build(
      Duration every, Duration maxAge, Executor reloader, CacheLoader<K, V> load, Ticker ticker) {
    return Caffeine.newBuilder()
        .ticker(ticker)
        .maximumSize(MAX_KEYS)
        .expireAfterWrite(maxAge)
        .expireAfterAccess(every)
        .refreshAfterWrite(every)
        .executor(reloader)
        .build(load);
  }
}
