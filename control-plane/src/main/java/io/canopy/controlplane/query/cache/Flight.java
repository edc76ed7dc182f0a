package io.canopy.controlplane.query.cache;

import io.canopy.controlplane.common.Demand;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One key's Druid query while it runs, shared by every request that asked for it (single flight).
 * As a {@link Demand} it is gone only when all of them are gone: one client that goes away does not
 * stop the query the others wait for. Once it lands or fails it forgets them (an answer kept in the
 * cache holds no request). Thread-safe.
 *
 * @param <T> what it lands
 */
final class Flight<T> extends CompletableFuture<T> implements Demand {
  private final List<Demand> waiting = new CopyOnWriteArrayList<>();

  /** {@code demand} waits for this flight's answer too. */
  void await(Demand demand) {
    if (!isDone()) {
      waiting.add(demand);
    }
  }

  @Override
  public boolean gone() {
    for (Demand d : waiting) {
      if (!d.gone()) {
        return false;
      }
    }
    return !waiting.isEmpty();
  }

  void land(T value) {
    complete(value);
    waiting.clear();
  }

  void fail(Throwable e) {
    completeExceptionally(e);
    waiting.clear();
  }
}
