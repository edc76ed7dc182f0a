package io.canopy.stack.bench;

import io.canopy.stack.StackPorts;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.demo.EventGenerator;
import io.canopy.stack.druid.Supervisor;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench --only capacity}: steady rates through the ingest API, one step each, while probes
 * measure event-to-queryable latency beside the load. A rate is sustained when the API delivered it
 * and the supervisor's lag did not grow over the step's second half.
 *
 * <p>Every batch is generated afresh and stamped with the time it is sent, as real clients' events
 * are: 100,000 users and a random IP network per event make nearly every event its own row in
 * Druid's minute rollup, so the indexer's in-memory index, persists and merges work at the rate
 * shown. (Resending a few fixed batches, as this benchmark once did, rolls a whole run up into a
 * few thousand rows and measures the ingest API more than Druid.) The generator runs on the same
 * two cores as the stack.
 */
final class CapacityRun {
  private static final int BATCH = 100;

  record Step(
      int target, double achieved, long lagMid, long lagEnd, Percentiles freshness, long refused) {
    boolean sustained() {
      return achieved >= 0.95 * target && lagEnd <= Math.max(lagMid, 1_000);
    }
  }

  private CapacityRun() {}

  static List<Step> run(
      StackPorts ports, IngestClient client, List<Integer> rates, Duration step, PrintStream out)
      throws Exception {
    AtomicLong seeds = new AtomicLong(7);
    ThreadLocal<EventGenerator> generators =
        ThreadLocal.withInitial(() -> new EventGenerator(seeds.getAndIncrement(), 100_000));
    List<Step> steps = new ArrayList<>();
    for (int rate : rates) {
      Step s = step(ports, client, generators, rate, step);
      out.printf(
          "   %,d events/s: delivered %,.0f/s, lag %d → %d, freshness p50 %.0f ms p99 %.0f ms, %d"
              + " batches refused%s%n",
          rate,
          s.achieved(),
          s.lagMid(),
          s.lagEnd(),
          s.freshness().p50(),
          s.freshness().p99(),
          s.refused(),
          s.sustained() ? "" : " — NOT sustained");
      steps.add(s);
    }
    return steps;
  }

  private static Step step(
      StackPorts ports,
      IngestClient client,
      ThreadLocal<EventGenerator> generators,
      int rate,
      Duration length)
      throws Exception {
    AtomicLong accepted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    ExecutorService senders = Executors.newFixedThreadPool(16);
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    long periodMicros = 1_000_000L * BATCH / rate;
    long start = System.nanoTime();
    pacer.scheduleAtFixedRate(
        () ->
            senders.execute(
                () -> {
                  IngestClient.Response r = client.post(batch(generators.get()));
                  (r.status() == 200 ? accepted : refused).addAndGet(r.status() == 200 ? BATCH : 1);
                }),
        0,
        periodMicros,
        TimeUnit.MICROSECONDS);
    Supervisor supervisor = Supervisor.events(ports);
    int probes = (int) Math.max(10, length.toSeconds());
    List<Double> freshness = new ArrayList<>();
    long lagMid;
    long lagEnd;
    try {
      freshness.addAll(probe(client, ports, probes).endToEndMillis());
      lagMid = lag(supervisor);
      freshness.addAll(probe(client, ports, probes).endToEndMillis());
      lagEnd = lag(supervisor);
    } catch (IllegalStateException e) {
      // a probe not visible within a minute: the pipeline is falling behind
      lagMid = lag(supervisor);
      lagEnd = Long.MAX_VALUE;
    } finally {
      pacer.shutdownNow();
      senders.shutdown();
      senders.awaitTermination(1, TimeUnit.MINUTES);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Percentiles p =
        freshness.isEmpty()
            ? new Percentiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
            : Percentiles.of(freshness);
    return new Step(rate, accepted.get() / seconds, lagMid, lagEnd, p, refused.get());
  }

  /** A batch of events of about 300 bytes each, stamped now. */
  private static List<String> batch(EventGenerator generator) {
    Instant now = Instant.now();
    List<String> batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      batch.add(generator.next(now, 300));
    }
    return batch;
  }

  /** Half a step of probes, 2 a second. */
  private static LatencyProbe.Result probe(IngestClient client, StackPorts ports, int probes)
      throws Exception {
    return LatencyProbe.run(client, ports.brokerUrl(), probes, 2);
  }

  private static long lag(Supervisor supervisor) throws java.io.IOException {
    return supervisor.status().map(s -> s.path("aggregateLag").asLong(-1)).orElse(-1L);
  }
}
