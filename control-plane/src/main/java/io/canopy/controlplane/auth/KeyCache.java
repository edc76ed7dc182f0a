package io.canopy.controlplane.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.canopy.controlplane.auth.db.ApiKeyRow;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The active keys this instance has seen, by prefix, with their tenant's status and quotas: what
 * spares a cached or ingest request its PostgreSQL round trip.
 *
 * <p>An entry is only served while {@link AccessChangeListener} is listening to PostgreSQL, and
 * only if no change of access (a key, tenant or datasource written on any instance) was announced
 * since the lookup that stored it began. Each entry carries the generation it was read in, and
 * every announcement starts a new one, so a lookup that raced with a revocation can store its row
 * but never serve it. While nobody listens, every request reads the database, as it did before the
 * cache. Unknown prefixes are never stored, so guessing keys cannot fill it. Thread-safe.
 */
public final class KeyCache {
  private static final int MAX_KEYS = 10_000;
  // A notification is never lost while the connection lives; this only bounds a stale entry if
  // that guarantee ever failed.
  private static final Duration MAX_AGE = Duration.ofMinutes(10);

  private record Entry(long generation, ApiKeyRow row) {}

  private final Cache<String, Entry> entries =
      Caffeine.newBuilder().maximumSize(MAX_KEYS).expireAfterWrite(MAX_AGE).build();
  private final AtomicLong generation = new AtomicLong();
  private volatile boolean listening;

  /**
   * The active key with {@code prefix}: from memory when that is still current, else {@code load}.
   */
  Optional<ApiKeyRow> find(String prefix, Function<String, Optional<ApiKeyRow>> load) {
    long current = generation.get();
    boolean usable = listening;
    if (usable) {
      Entry entry = entries.getIfPresent(prefix);
      if (entry != null && entry.generation() == current) {
        return Optional.of(entry.row());
      }
    }
    Optional<ApiKeyRow> row = load.apply(prefix);
    if (usable && row.isPresent()) {
      entries.put(prefix, new Entry(current, row.get()));
    }
    return row;
  }

  /** Forgets every key: access changed somewhere. Called after the change is committed. */
  public void invalidateAll() {
    generation.incrementAndGet();
    entries.invalidateAll();
  }

  /**
   * Whether changes are being heard. Turning it on forgets what was stored before, since changes
   * made while nobody listened were never announced.
   */
  void listening(boolean on) {
    if (!on) {
      listening = false;
    }
    invalidateAll();
    if (on) {
      listening = true;
    }
  }

  /** Whether keys are served from memory now (admin metric {@code canopy.auth.keys.listening}). */
  public boolean isListening() {
    return listening;
  }

  /** How many keys are held (admin metric {@code canopy.auth.keys.cached}). */
  public long size() {
    return entries.estimatedSize();
  }
}
