package io.canopy.stack.chaos;

import io.canopy.stack.client.IngestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client that posts batches at a steady rate the way docs/ingest-api.md says to: each batch with
 * its own {@code Idempotency-Key}, resent with the same key after a 503, 409, 429, a timeout or a
 * dropped connection, waiting {@code Retry-After} (1 s when absent), until it is answered 200 or
 * 422 or {@link #GIVE_UP} has passed. Each batch is marked by its own {@code campaign}, so what
 * Druid stored can be compared batch by batch with what was acknowledged. Thread-safe.
 */
final class SteadyClient implements AutoCloseable {
  static final int BATCH = 20;
  static final Duration GIVE_UP = Duration.ofMinutes(10);

  /** What became of one batch. */
  enum Fate {
    PENDING,
    ACKNOWLEDGED,
    GAVE_UP
  }

  private final IngestClient client;
  private final String run;
  private final Map<String, Fate> fates = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger retries = new AtomicInteger();
  private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService senders;
  private volatile boolean accepting = true;

  /**
   * @param batchesPerSecond the steady rate; batches queue up while the API does not answer
   */
  SteadyClient(IngestClient client, String run, int batchesPerSecond, int senderThreads) {
    this.client = client;
    this.run = run;
    this.senders = Executors.newFixedThreadPool(senderThreads);
    ticker.scheduleAtFixedRate(
        this::enqueue, 0, 1_000_000 / batchesPerSecond, TimeUnit.MICROSECONDS);
    for (int i = 0; i < senderThreads; i++) {
      senders.execute(this::sendLoop);
    }
  }

  /** The campaign of batch {@code n}. */
  String marker(int n) {
    return run + "-" + n;
  }

  private void enqueue() {
    if (accepting) {
      String marker = marker(next.getAndIncrement());
      fates.put(marker, Fate.PENDING);
      queue.add(marker);
    }
  }

  private void sendLoop() {
    while (!Thread.currentThread().isInterrupted()) {
      String marker;
      try {
        marker = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (marker != null) {
        fates.put(marker, send(marker));
      } else if (!accepting) {
        return;
      }
    }
  }

  private Fate send(String marker) {
    List<String> events = new ArrayList<>(BATCH);
    Instant at = Instant.now();
    for (int i = 0; i < BATCH; i++) {
      events.add(
          "{\"event\":\"click\",\"timestamp\":\""
              + at
              + "\",\"campaign\":\""
              + marker
              + "\",\"user_id\":\"u"
              + i
              + "\"}");
    }
    long deadline = System.nanoTime() + GIVE_UP.toNanos();
    while (System.nanoTime() < deadline) {
      long wait = 1;
      try {
        IngestClient.Response r = client.post(events, marker);
        if (r.status() == 200 || r.status() == 422) {
          return Fate.ACKNOWLEDGED;
        }
        wait = Math.max(1, r.retryAfterSeconds());
      } catch (RuntimeException e) {
        // timeout or connection refused: the answer was lost; resend with the same key
      }
      retries.incrementAndGet();
      try {
        Thread.sleep(Duration.ofSeconds(Math.min(wait, 5)).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Fate.PENDING;
      }
    }
    return Fate.GAVE_UP;
  }

  /** A copy of every batch's fate so far. */
  Map<String, Fate> fates() {
    return Map.copyOf(fates);
  }

  int retries() {
    return retries.get();
  }

  /** Stops making batches and waits until every one made has its final fate. */
  void drain(Duration timeout) throws InterruptedException {
    accepting = false;
    ticker.shutdown();
    senders.shutdown();
    if (!senders.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("batches still unanswered after " + timeout);
    }
  }

  @Override
  public void close() {
    accepting = false;
    ticker.shutdownNow();
    senders.shutdownNow();
  }
}
