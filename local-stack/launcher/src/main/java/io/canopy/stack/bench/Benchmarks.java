package io.canopy.stack.bench;

import io.canopy.stack.Secrets;
import io.canopy.stack.StackException;
import io.canopy.stack.StackLayout;
import io.canopy.stack.StackPorts;
import io.canopy.stack.cli.Invocation;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.CatchUp;
import io.canopy.stack.druid.Supervisor;
import io.canopy.stack.process.Restoration;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * {@code bin/canopy bench [--probes N] [--seconds S] [--warmup S] [--threads T] [--only
 * latency|throughput|pii|capacity|security] [--isolated] [--events N] [--rounds R]} against the
 * running stack: event-to-queryable latency, then ingest API throughput next to Kafka's producer
 * tool in the same run ({@code --isolated}: with the events supervisor suspended meanwhile, so
 * Druid's indexing does not share the CPU), then Druid's ingestion rate with the PII policy next to
 * plain JSON ({@code --events} per run, {@code --rounds} pairs), then what tenant security costs a
 * Druid query ({@code --load-events}, {@code --queries} per variant, {@code --clients} for {@code
 * --security-seconds}); {@code --only query} runs the query API over a loaded history ({@link
 * QueryBenchRun}). Prints a summary to paste into docs/benchmarks.md.
 */
public final class Benchmarks {
  private Benchmarks() {}

  /**
   * Runs what {@code args} asks for.
   *
   * @throws io.canopy.stack.cli.UsageException for a bad option value, before anything runs
   */
  public static int run(StackLayout layout, StackPorts ports, Invocation args, PrintStream out) {
    String only =
        args.choice(
            "--only",
            List.of("all", "latency", "throughput", "pii", "capacity", "security", "query"),
            "all");
    checkNumbers(args);
    IngestClient client;
    try {
      client =
          new IngestClient(
              ports.controlPlaneUrl(), Files.readString(layout.defaultApiKeyFile()).trim());
    } catch (java.io.IOException e) {
      throw new StackException("Is the stack up? Cannot read the API key: " + e.getMessage());
    }
    out.printf(
        "Machine: %d cores, Java %s%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    try {
      runs(only, layout, ports, client, args, out);
      return 0;
    } catch (StackException e) {
      throw e;
    } catch (Exception e) {
      throw new StackException("Benchmark failed: " + e.getMessage(), e);
    }
  }

  private static void runs(
      String only,
      StackLayout layout,
      StackPorts ports,
      IngestClient client,
      Invocation args,
      PrintStream out)
      throws Exception {
    boolean all = only.equals("all");
    if (all || only.equals("latency")) {
      latency(client, ports, args.integer("--probes", 200), out);
    }
    if (all || only.equals("throughput")) {
      throughput(layout, ports, args, out);
    }
    if (only.equals("capacity")) {
      capacity(layout, ports, args, out);
    }
    if (all || only.equals("security")) {
      SecurityRun.run(
          ports,
          new Secrets(layout.secrets()).operatorToken(),
          args.integer("--load-events", 100_000),
          args.integer("--queries", 2_000),
          args.integer("--clients", 50),
          args.integer("--security-seconds", 75),
          out);
    }
    if (only.equals("query")) {
      query(layout, ports, args, out);
    }
    if (all || only.equals("pii")) {
      piiPolicy(
          layout, ports, args.integer("--events", 1_000_000), args.integer("--rounds", 3), out);
    }
  }

  private static void latency(IngestClient client, StackPorts ports, int probes, PrintStream out)
      throws Exception {
    out.printf(
        "1. Event-to-queryable latency, %d probes at 5/s (poll every %d ms)...%n",
        probes, LatencyProbe.POLL_MS);
    awaitCaughtUp(client, ports, out);
    LatencyProbe.run(client, ports.brokerUrl(), 10, 5); // warm-up, not reported
    LatencyProbe.Result latency = LatencyProbe.run(client, ports.brokerUrl(), probes, 5);
    out.println("   end to end: " + latency.endToEnd());
    out.println("   API ack:    " + latency.apiAck());
    out.println("   slowest:    " + String.join(", ", latency.slowest()));
  }

  /** Probes measure a caught-up pipeline: behind a backlog they would measure the backlog. */
  private static void awaitCaughtUp(IngestClient client, StackPorts ports, PrintStream out)
      throws Exception {
    CatchUp.await(
        client,
        ports,
        Duration.ofMinutes(10),
        () -> out.println("   waiting for Druid to catch up with what was sent before..."));
  }

  /** With {@code --isolated}, the events supervisor is suspended meanwhile (and resumed). */
  @SuppressWarnings("try") // the resource only undoes the change when the block ends
  private static void throughput(
      StackLayout layout, StackPorts ports, Invocation args, PrintStream out) throws Exception {
    int threads = args.integer("--threads", 16);
    int warmup = args.integer("--warmup", 10);
    int seconds = args.integer("--seconds", 30);
    if (!args.flag("--isolated")) {
      throughput(layout, ports, threads, warmup, seconds, out);
      return;
    }
    out.println("(events supervisor suspended during the throughput runs; resumed after)");
    try (Restoration resume = Supervisor.events(ports).suspendUntilClosed(System.err)) {
      throughput(layout, ports, threads, warmup, seconds, out);
    }
  }

  private static void throughput(
      StackLayout layout, StackPorts ports, int threads, int warmup, int seconds, PrintStream out)
      throws Exception {
    out.printf(
        "2. Ingest API throughput, %d threads, %d-event batches, %d s after %d s of warm-up...%n",
        threads, ThroughputRun.BATCH, seconds, warmup);
    IngestClient own =
        new IngestClient(
            ports.controlPlaneUrl(),
            BenchTenant.create(ports, new Secrets(layout.secrets()).operatorToken()));
    ThroughputRun.Result api =
        ThroughputRun.run(
            own, threads, Duration.ofSeconds(warmup), Duration.ofSeconds(seconds), false);
    out.printf(
        "   %d events in %.1f s = %.0f events/s (mean event %d bytes)%n",
        api.events(), api.seconds(), api.eventsPerSecond(), api.bodyBytes());
    ThroughputRun.Result keyed =
        ThroughputRun.run(own, threads, Duration.ZERO, Duration.ofSeconds(seconds), true);
    out.printf(
        "   with an Idempotency-Key on every batch: %.0f events/s (%.2f of the run without)%n",
        keyed.eventsPerSecond(), keyed.eventsPerSecond() / api.eventsPerSecond());
    long records = Math.max(200_000, api.events());
    out.printf(
        "3. Kafka ProducerPerformance, %d records of %d bytes, acks=all, idempotent...%n",
        records, ThroughputRun.EVENT_BYTES);
    double kafka =
        KafkaProducerPerf.recordsPerSecond(layout, ports, records, ThroughputRun.EVENT_BYTES);
    out.printf("   %.0f records/s%n", kafka);
    out.printf("%nIngest API / Kafka producer = %.2f%n", api.eventsPerSecond() / kafka);
  }

  /**
   * Steady rates ({@code --rates 2000,5000,10000}, each {@code --step-seconds}, default 90) with
   * freshness probes beside them; not part of {@code all}, it takes minutes per rate.
   */
  private static void capacity(
      StackLayout layout, StackPorts ports, Invocation args, PrintStream out) throws Exception {
    List<Integer> rates = args.integers("--rates", List.of(2000, 5000, 10000));
    int step = args.integer("--step-seconds", 90);
    out.printf(
        "4. Capacity: steady rates %s through the API, %d s each, probes at 2/s...%n", rates, step);
    IngestClient own =
        new IngestClient(
            ports.controlPlaneUrl(),
            BenchTenant.create(ports, new Secrets(layout.secrets()).operatorToken()));
    awaitCaughtUp(own, ports, out);
    List<CapacityRun.Step> steps =
        CapacityRun.run(ports, own, rates, Duration.ofSeconds(step), out);
    steps.stream()
        .filter(CapacityRun.Step::sustained)
        .mapToInt(CapacityRun.Step::target)
        .max()
        .ifPresentOrElse(
            r -> out.printf("   highest sustained rate: %,d events/s%n", r),
            () -> out.println("   no rate sustained"));
  }

  /**
   * The query API over {@code --query-events} (default 50 M) loaded over {@code --query-days}
   * (default 7); not part of {@code all}: the first run loads the history, which takes a while.
   */
  private static void query(StackLayout layout, StackPorts ports, Invocation args, PrintStream out)
      throws Exception {
    int events = args.integer("--query-events", 50_000_000);
    QueryBenchRun.run(
        layout,
        ports,
        new Secrets(layout.secrets()).operatorToken(),
        new QueryBenchRun.Options(
            args.string("--tenant", "bench-query-" + events / 1_000_000 + "m"),
            events,
            args.integer("--query-days", 7),
            args.integer("--cold-rounds", 10),
            args.integer("--warm-requests", 200),
            args.integer("--clients", 100),
            args.integer("--query-seconds", 60),
            args.integer("--query-rate", 2000),
            args.flag("--load-only")),
        out);
  }

  /** Suspends the events supervisor meanwhile: the runs measure Druid alone on the machine. */
  @SuppressWarnings("try") // the resource only undoes the change when the block ends
  private static void piiPolicy(
      StackLayout layout, StackPorts ports, int events, int rounds, PrintStream out)
      throws Exception {
    try (Restoration resume = Supervisor.events(ports).suspendUntilClosed(System.err)) {
      PolicyIngestionRun.run(layout, ports, events, rounds, out);
    }
  }

  /** Every numeric option read once before anything runs, so a bad value costs no run. */
  private static void checkNumbers(Invocation args) {
    args.integers("--rates", List.of());
    for (String name : args.values().keySet()) {
      if (!List.of("--only", "--tenant", "--rates").contains(name)) {
        args.integer(name, 0);
      }
    }
  }
}
