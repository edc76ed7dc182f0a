package io.canopy.stack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.specs.EventsSpecs;
import io.canopy.stack.StackException;
import io.canopy.stack.StackLayout;
import io.canopy.stack.StackPorts;
import io.canopy.stack.demo.EventGenerator;
import io.canopy.stack.druid.BatchTask;
import io.canopy.stack.druid.DruidSql;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The query benchmark's history: {@code events} raw events of one tenant spread evenly over the
 * {@code days} before the current hour (or before the first hour a streaming task still holds), in
 * the pooled {@code events} datasource, through Druid's native batch ingestion as the operator with
 * the events supervisor's own schema and input format (so the rows, their rollup and the PII policy
 * are what streaming would have made). Generated as gzip'd JSON lines, one file per day, under the
 * stack's data directory. Loaded once: a later run finds the tenant's events in Druid and reuses
 * them.
 */
final class QueryHistory {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TASK_PREFIX = "canopy-bench-history-";

  /** The pooled datasource's name in Druid. */
  private static final String DATASOURCE = "events";

  /** What is loaded: the tenant's events in {@code [start, end)}. */
  record Loaded(String tenant, long events, Instant start, Instant end) {}

  private QueryHistory() {}

  static Loaded ensure(
      StackLayout layout, StackPorts ports, String tenant, long events, int days, PrintStream out)
      throws Exception {
    long present = DruidSql.sumCount(ports.brokerUrl(), "tenant = ?", tenant);
    List<BatchTask> running = BatchTask.running(ports, DATASOURCE, TASK_PREFIX + tenant);
    if (present >= events && running.isEmpty()) {
      Loaded loaded = bounds(ports, tenant, days);
      out.printf(
          "   history already loaded: %,d events of %s from %s to %s%n",
          loaded.events(), tenant, loaded.start(), loaded.end());
      return loaded;
    }
    if (present > 0 && running.isEmpty()) {
      throw new StackException(
          tenant
              + " holds "
              + present
              + " events, fewer than the "
              + events
              + " asked: use another --tenant for another size (a load is never appended twice)");
    }
    BatchTask task;
    long startNanos = System.nanoTime();
    if (!running.isEmpty()) {
      task = running.get(0);
      out.println("   a load of this history is already running: waiting for " + task.id());
    } else {
      Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
      Instant locked = BatchTask.earliestLock(ports, DATASOURCE);
      if (locked != null && locked.isBefore(end)) {
        end = locked.truncatedTo(ChronoUnit.HOURS);
        out.printf(
            "   (the history ends at %s: streaming tasks hold Druid's locks on the hours after it"
                + " until they hand off)%n",
            end);
      }
      Instant start = end.minus(Duration.ofDays(days));
      Path dir = layout.data("bench").resolve("query-history").resolve(tenant);
      out.printf("   generating %,d events over %s .. %s into %s...%n", events, start, end, dir);
      generate(dir, tenant, events, start, days);
      out.printf(
          "   generated in %.0f s; batch-ingesting as the operator...%n", seconds(startNanos));
      startNanos = System.nanoTime();
      task = BatchTask.submit(ports, spec(ports, tenant, dir));
    }
    task.awaitSuccess(
        Duration.ofHours(2),
        Duration.ofSeconds(60),
        d -> out.printf("   ... task %s running for %d min%n", task.id(), d.toMinutes()));
    double ingestSeconds = seconds(startNanos);
    out.printf(
        "   ingested in %.0f s (%,.0f events/s); waiting for the historicals to serve it...%n",
        ingestSeconds, events / ingestSeconds);
    awaitServed(ports, tenant, events, out);
    return bounds(ports, tenant, days);
  }

  private static void generate(Path dir, String tenant, long events, Instant start, int days)
      throws Exception {
    Files.createDirectories(dir);
    try (var old = Files.list(dir)) {
      for (Path p : old.toList()) {
        Files.delete(p);
      }
    }
    long perDay = events / days;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> files = new ArrayList<>();
      for (int d = 0; d < days; d++) {
        int day = d;
        long count = day == days - 1 ? events - perDay * (days - 1) : perDay;
        files.add(
            pool.submit(
                () -> {
                  writeDay(
                      dir.resolve("day-" + day + ".json.gz"),
                      tenant,
                      start.plus(Duration.ofDays(day)),
                      count,
                      day);
                  return null;
                }));
      }
      for (Future<?> f : files) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@code count} events spaced evenly over the day from {@code from}, in time order. */
  private static void writeDay(Path file, String tenant, Instant from, long count, long seed)
      throws IOException {
    EventGenerator generator = new EventGenerator(seed, 200_000);
    String prefix = "{\"tenant\":\"" + tenant + "\",";
    double spacingMs = Duration.ofDays(1).toMillis() / (double) count;
    try (BufferedWriter w =
        new BufferedWriter(
            new OutputStreamWriter(
                new FastGzip(Files.newOutputStream(file)), StandardCharsets.UTF_8),
            1 << 16)) {
      for (long i = 0; i < count; i++) {
        String event = generator.next(from.plusMillis((long) (i * spacingMs)));
        w.write(prefix);
        w.write(event, 1, event.length() - 1);
        w.write('\n');
      }
    }
  }

  /** The events supervisor's schema and input format, read from local files, appended. */
  private static JsonNode spec(StackPorts ports, String tenant, Path dir) throws IOException {
    JsonNode supervisor =
        JSON.readTree(
            EventsSpecs.render(DATASOURCE, "unused", ports.kafkaBootstrap(), "events-v1")
                .supervisor());
    ObjectNode task = JSON.createObjectNode();
    task.put("type", "index_parallel");
    task.put("id", TASK_PREFIX + tenant + "-" + System.currentTimeMillis());
    ObjectNode spec = task.putObject("spec");
    spec.set("dataSchema", supervisor.path("spec").path("dataSchema"));
    ObjectNode io = spec.putObject("ioConfig");
    io.put("type", "index_parallel");
    io.putObject("inputSource")
        .put("type", "local")
        .put("baseDir", dir.toAbsolutePath().toString())
        .put("filter", "*.json.gz");
    io.set("inputFormat", supervisor.path("spec").path("ioConfig").path("inputFormat"));
    io.put("appendToExisting", true);
    ObjectNode tuning = spec.putObject("tuningConfig");
    tuning.put("type", "index_parallel");
    tuning.put("maxNumConcurrentSubTasks", 2);
    tuning.put("maxRowsInMemory", 150_000);
    tuning.putObject("partitionsSpec").put("type", "dynamic");
    tuning.set(
        "indexSpecForIntermediatePersists",
        supervisor.path("spec").path("tuningConfig").path("indexSpecForIntermediatePersists"));
    return task;
  }

  private static void awaitServed(StackPorts ports, String tenant, long events, PrintStream out)
      throws InterruptedException {
    long startNanos = System.nanoTime();
    long deadline = startNanos + Duration.ofMinutes(30).toNanos();
    long nextReport = 0;
    while (System.nanoTime() < deadline) {
      long served = DruidSql.sumCount(ports.brokerUrl(), "tenant = ?", tenant);
      if (served >= events) {
        out.printf(
            "   all %,d events served by the historicals %.0f s after the load%n",
            served, seconds(startNanos));
        return;
      }
      if (System.nanoTime() >= nextReport) {
        out.printf("   ... %,d of %,d events served%n", served, events);
        nextReport = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      }
      Thread.sleep(2_000);
    }
    throw new StackException(
        "the historicals did not serve all of " + tenant + "'s events in 30 minutes");
  }

  /** The history's range: {@code days} from its first event (live events come after it). */
  private static Loaded bounds(StackPorts ports, String tenant, int days) {
    Object lo =
        DruidSql.query(
                ports.brokerUrl(), "SELECT MIN(__time) AS lo FROM events WHERE tenant = ?", tenant)
            .get(0)
            .get("lo");
    Instant start = Instant.parse(lo.toString());
    Instant end = start.plus(Duration.ofDays(days));
    long events =
        DruidSql.sumCount(
            ports.brokerUrl(),
            "tenant = ? AND __time >= TIME_PARSE(?) AND __time < TIME_PARSE(?)",
            tenant,
            start.toString(),
            end.toString());
    return new Loaded(tenant, events, start, end);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** gzip at level 1: writing 50 M events is bound by the compressor at the default level. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(java.io.OutputStream out) throws IOException {
      super(out, 1 << 16);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}
