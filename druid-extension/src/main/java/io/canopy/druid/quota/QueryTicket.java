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
 * does not check (a join of inline {@code VALUES} on the broker) still ends. The place is freed
 * only when the query has ended. Thread-safe.
 */
public final class QueryTicket implements TenantQueryGate.Admission, AutoCloseable {
  private final Runnable release;
  private final int timeoutMs;
  private final ScheduledExecutorService stopper;
  private final Duration slack;

  @Nullable private Thread watched;
  @Nullable private ScheduledFuture<?> stop;
  private boolean stopped;
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

  QueryTicket(Runnable release, int timeoutMs, ScheduledExecutorService stopper, Duration slack) {
    this.release = release;
    this.timeoutMs = timeoutMs;
    this.stopper = stopper;
    this.slack = slack;
  }

  /** The longest the query may run: its tenant's {@code timeoutMs}. */
  public int timeoutMs() {
    return timeoutMs;
  }

  /** Stops {@code thread} if the query still runs on it at its timeout plus slack. */
  public synchronized void watch(Thread thread) {
    if (closed || watched != null) {
      return;
    }
    watched = thread;
    stop = stopper.schedule(this::stop, timeoutMs + slack.toMillis(), TimeUnit.MILLISECONDS);
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

  /** Whether the query was stopped for running past its time. */
  public synchronized boolean stoppedForTime() {
    return stopped;
  }

  private synchronized void stop() {
    if (!closed && watched != null) {
      stopped = true;
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
      clear = stopped && watched == Thread.currentThread();
    }
    if (clear) {
      Thread.interrupted();
    }
    release.run();
  }
}
