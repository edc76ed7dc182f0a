package io.canopy.druid.quota;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * An admitted query's place in its tenant's quotas, held until it is closed. While the thread that
 * runs the query is watched, the query is stopped if it runs past its timeout and slack: its thread
 * is interrupted, which Druid's cursors and mergers check as they go, so a shape whose time Druid
 * does not check (a join of inline {@code VALUES} on the broker) still ends; a cancelled query is
 * stopped the same way. The place is freed only when the query has ended. Thread-safe.
 */
public final class QueryTicket implements TenantQueryGate.Admission, AutoCloseable {
  private final Runnable release;
  private final QueryQuota quota;
  private final int timeoutMs;
  private final ScheduledExecutorService stopper;
  private final Duration slack;

  @Nullable private Thread watched;
  private int stopsAfterMs;
  @Nullable private ScheduledFuture<?> stop;
  private boolean stopped;
  private boolean cancelled;
  private boolean closed;

  /** The one daemon thread of a process that stops queries past their time. */
  private static final class Stopper {
    static final ScheduledExecutorService INSTANCE = create();

    private static ScheduledExecutorService create() {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "canopy-query-stopper");
                t.setDaemon(true);
                return t;
              });
      executor.setRemoveOnCancelPolicy(true); // a query that ends in time leaves nothing queued
      return executor;
    }
  }

  /** The process's stopper, made on first use. */
  public static ScheduledExecutorService stopper() {
    return Stopper.INSTANCE;
  }

  QueryTicket(
      Runnable release, QueryQuota quota, ScheduledExecutorService stopper, Duration slack) {
    this.release = release;
    this.quota = quota;
    this.timeoutMs = quota.timeoutMs();
    this.stopper = stopper;
    this.slack = slack;
  }

  /** The quotas the query was admitted under: its tenant's. */
  public QueryQuota quota() {
    return quota;
  }

  /** The longest the query may run: its tenant's {@code timeoutMs}. */
  public int timeoutMs() {
    return timeoutMs;
  }

  /**
   * Stops {@code thread} if the query still runs on it at {@code timeoutMs} (its own, at most the
   * tenant's) plus slack.
   */
  public synchronized void watch(Thread thread, int timeoutMs) {
    if (closed || watched != null) {
      return;
    }
    watched = thread;
    stopsAfterMs = Math.min(timeoutMs, this.timeoutMs);
    stop =
        stopper.schedule(this::stopForTime, stopsAfterMs + slack.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The query goes on without its thread (the router's proxy answers asynchronously): nothing is
   * interrupted any more; the service it went to enforces the time.
   */
  public synchronized void unwatch() {
    if (stop != null) {
      stop.cancel(false);
    }
    watched = null;
  }

  /** What the caller reads of a query stopped for running past its time; null for any other. */
  @Nullable
  public synchronized String stoppedForTime() {
    if (!stopped) {
      return null;
    }
    return "The query ran past its timeout of "
        + stopsAfterMs
        + " ms (at most the tenant's quotas.queryTimeoutMs, "
        + timeoutMs
        + " ms) and was stopped.";
  }

  private synchronized void stopForTime() {
    if (!closed && watched != null) {
      stopped = true;
      watched.interrupt();
    }
  }

  /**
   * Stops the query now, if it still runs on its watched thread: it was cancelled, and Druid's own
   * cancel does not reach every shape.
   */
  public synchronized void cancel() {
    if (!closed && watched != null) {
      cancelled = true;
      watched.interrupt();
    }
  }

  /**
   * Frees the place (once). Called on the watched thread, it also clears an interrupt the stop
   * left, so the thread goes back to its pool clean.
   */
  @Override
  public void close() {
    boolean clear;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (stop != null) {
        stop.cancel(false);
      }
      clear = (stopped || cancelled) && watched == Thread.currentThread();
    }
    if (clear) {
      Thread.interrupted();
    }
    release.run();
  }
}
