package io.canopy.stack.bench;

import io.canopy.stack.client.IngestClient;
import io.canopy.stack.demo.EventGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest API throughput: {@code threads} clients post 100-event batches of about 500-byte events as
 * fast as the API answers, for a fixed time. Bodies are generated before the clock starts so the
 * generator's cost is not measured.
 */
final class ThroughputRun {
  static final int BATCH = 100;
  static final int EVENT_BYTES = 500;

  record Result(long events, double seconds, double eventsPerSecond, long bodyBytes) {}

  /**
   * Posts for {@code warmup} unmeasured (JIT compilation, connection pools), then measures.
   *
   * @param keyed whether every batch carries a fresh {@code Idempotency-Key}
   */
  static Result run(
      IngestClient client, int threads, Duration warmup, Duration duration, boolean keyed)
      throws Exception {
    List<List<String>> batches = batches();
    if (!warmup.isZero()) {
      measure(client, threads, warmup, batches, keyed);
    }
    return measure(client, threads, duration, batches, keyed);
  }

  private static List<List<String>> batches() {
    List<List<String>> batches = new ArrayList<>();
    EventGenerator generator = new EventGenerator(42, 100_000);
    for (int b = 0; b < 64; b++) {
      List<String> batch = new ArrayList<>(BATCH);
      for (int i = 0; i < BATCH; i++) {
        batch.add(generator.next(Instant.now(), EVENT_BYTES));
      }
      batches.add(batch);
    }
    return batches;
  }

  private static Result measure(
      IngestClient client,
      int threads,
      Duration duration,
      List<List<String>> batches,
      boolean keyed)
      throws Exception {
    long bytes = 0;
    for (List<String> batch : batches) {
      for (String e : batch) {
        bytes += e.length();
      }
    }
    AtomicLong accepted = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int offset = t;
      workers.add(
          pool.submit(
              () -> {
                for (int i = offset; System.nanoTime() < end; i++) {
                  IngestClient.Response r =
                      client.post(
                          batches.get(i % batches.size()),
                          keyed ? UUID.randomUUID().toString() : null);
                  if (r.status() != 200) {
                    throw new IllegalStateException("HTTP " + r.status() + ": " + r.body());
                  }
                  accepted.addAndGet(BATCH);
                }
                return null;
              }));
    }
    for (Future<?> w : workers) {
      w.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    return new Result(
        accepted.get(), seconds, accepted.get() / seconds, bytes / ((long) batches.size() * BATCH));
  }

  private ThroughputRun() {}
}
