package io.canopy.druid.auth;

import java.util.HashMap;
import java.util.Map;

/**
 * Which caller runs each query whose id its caller chose ({@code sqlQueryId} or {@code queryId} in
 * the context), while it runs on this Druid service: only that caller may cancel it, and no other
 * caller may run a query under the same id meanwhile. A query whose id Druid chose is known to its
 * caller only once it has answered, so it needs no entry. Thread-safe.
 */
final class QueryOwners {
  private record Entry(String owner, int running) {}

  private final Map<String, Entry> running = new HashMap<>();

  /** Notes that {@code owner} starts a query under {@code id}; false if another caller runs one. */
  synchronized boolean start(String id, String owner) {
    Entry e = running.get(id);
    if (e != null && !e.owner().equals(owner)) {
      return false;
    }
    running.put(id, new Entry(owner, e == null ? 1 : e.running() + 1));
    return true;
  }

  /** Notes that one of {@code owner}'s queries under {@code id} has ended. */
  synchronized void end(String id, String owner) {
    Entry e = running.get(id);
    if (e == null || !e.owner().equals(owner)) {
      return;
    }
    if (e.running() <= 1) {
      running.remove(id);
    } else {
      running.put(id, new Entry(owner, e.running() - 1));
    }
  }

  /** Whether {@code owner} runs a query under {@code id} now. */
  synchronized boolean runs(String id, String owner) {
    Entry e = running.get(id);
    return e != null && e.owner().equals(owner);
  }
}
