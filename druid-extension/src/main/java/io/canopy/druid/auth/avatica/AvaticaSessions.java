package io.canopy.druid.auth.avatica;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Which identity opened each Avatica connection of this broker. Druid keys a connection by the id
 * its client chose and runs whatever names that id as the connection's opener; this is what lets
 * only the opener use it. An identity holds at most {@code maxPerIdentity} connections; a
 * connection unused for {@code idle} is forgotten (Druid's own idle timeout plus a margin, so a
 * connection Druid still holds is never forgotten here first). Thread-safe: opening, using and
 * closing are rare next to the queries they carry, so one lock serves.
 */
public final class AvaticaSessions {
  /** What a request that names a connection may do. */
  public enum Verdict {
    ALLOWED,
    /** The connection is not the caller's: another identity's, or none at all (one answer). */
    NOT_YOURS,
    /** An open asks for an id that is already open. */
    IN_USE,
    /** An open would give the caller more connections than it may hold. */
    OVER_LIMIT
  }

  private record Binding(String owner, long lastUsedNanos) {}

  private final int maxPerIdentity;
  private final long idleNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Binding> bindings = new HashMap<>();

  public AvaticaSessions(int maxPerIdentity, Duration idle, LongSupplier nanoTime) {
    if (maxPerIdentity < 1) {
      throw new IllegalArgumentException("maxPerIdentity must be at least 1");
    }
    this.maxPerIdentity = maxPerIdentity;
    this.idleNanos = idle.toNanos();
    this.nanoTime = nanoTime;
  }

  public int maxPerIdentity() {
    return maxPerIdentity;
  }

  /** Binds {@code connectionId} to {@code owner}, unless it is open or the owner holds enough. */
  public synchronized Verdict open(String connectionId, String owner) {
    long now = nanoTime.getAsLong();
    forgetIdle(now);
    if (bindings.containsKey(connectionId)) {
      return Verdict.IN_USE;
    }
    long held = bindings.values().stream().filter(b -> b.owner().equals(owner)).count();
    if (held >= maxPerIdentity) {
      return Verdict.OVER_LIMIT;
    }
    bindings.put(connectionId, new Binding(owner, now));
    return Verdict.ALLOWED;
  }

  /** Whether {@code owner} opened {@code connectionId}; if so, it counts as used now. */
  public synchronized Verdict use(String connectionId, String owner) {
    long now = nanoTime.getAsLong();
    forgetIdle(now);
    Binding binding = bindings.get(connectionId);
    if (binding == null || !binding.owner().equals(owner)) {
      return Verdict.NOT_YOURS;
    }
    bindings.put(connectionId, new Binding(owner, now));
    return Verdict.ALLOWED;
  }

  /** Forgets {@code connectionId} if {@code owner} holds it: closed, or its open failed. */
  public synchronized void forget(String connectionId, String owner) {
    Binding binding = bindings.get(connectionId);
    if (binding != null && binding.owner().equals(owner)) {
      bindings.remove(connectionId);
    }
  }

  /** How many connections {@code owner} holds. */
  public synchronized int held(String owner) {
    forgetIdle(nanoTime.getAsLong());
    return (int) bindings.values().stream().filter(b -> b.owner().equals(owner)).count();
  }

  private void forgetIdle(long now) {
    for (Iterator<Binding> it = bindings.values().iterator(); it.hasNext(); ) {
      if (now - it.next().lastUsedNanos() >= idleNanos) {
        it.remove();
      }
    }
  }
}
