package io.canopy.stack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.StackException;
import io.canopy.stack.StackLayout;
import io.canopy.stack.StackPorts;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.demo.EventGenerator;
import io.canopy.stack.process.PidFile;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench --only query}: the query API over a loaded history ({@link QueryHistory}), with the
 * tenant's live events still arriving at the history's rate. Cold: every widget of the 7-day
 * dashboard and the 90-day trend asked with {@code Cache-Control: no-cache}, so Druid answers each
 * time. Warm: each widget asked again and again, answered by the cache. Cached throughput: {@code
 * clients} threads asking the dashboard's widgets in turn, with the client's own CPU stated.
 */
final class QueryBenchRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Far above what the machine can ask, and a timeout that measures instead of cutting off. */
  private static final String QUOTAS =
      "{\"queriesPerMinute\":1000000,\"queryConcurrency\":8,\"queryTimeoutMs\":300000,"
          + "\"ingestEventsPerSecond\":100000,\"ingestBurstEvents\":1000000}";

  record Options(
      String tenant,
      long events,
      int days,
      int coldRounds,
      int warmRequests,
      int clients,
      int seconds,
      boolean loadOnly) {}

  private QueryBenchRun() {}

  static void run(
      StackLayout layout, StackPorts ports, String operatorToken, Options o, PrintStream out)
      throws Exception {
    out.printf(
        "6. Query API: %s with %,d events over %d days, its live events still arriving...%n",
        o.tenant(), o.events(), o.days());
    BenchTenant tenant = BenchTenant.named(ports, operatorToken, o.tenant(), QUOTAS, "query");
    QueryHistory.Loaded history =
        QueryHistory.ensure(layout, ports, o.tenant(), o.events(), o.days(), out);
    if (o.loadOnly()) {
      return;
    }
    double perSecond = o.events() / (o.days() * 86_400.0);
    ScheduledExecutorService live =
        trickle(ports, tenant.newKey(ports, operatorToken, "ingest"), perSecond);
    try {
      QueryClient client = new QueryClient(ports.controlPlaneUrl(), tenant.key());
      check(client, history, out);
      cold(client, o.coldRounds(), out);
      warm(client, o.warmRequests(), ports, out);
      cached(client, layout, ports, o.clients(), o.seconds(), out);
    } finally {
      live.shutdownNow();
    }
  }

  /** The KPI widget's events equal Druid's own count of the loaded range: the answers are real. */
  private static void check(QueryClient client, QueryHistory.Loaded history, PrintStream out)
      throws Exception {
    String model =
        "{\"measures\":[\"events\"],\"range\":{\"start\":\""
            + history.start()
            + "\",\"end\":\""
            + history.end()
            + "\"}}";
    JsonNode answer = JSON.readTree(client.answer(model, true));
    long events = answer.path("totals").path("values").path("events").asLong();
    if (events != history.events()) {
      throw new StackException(
          "the query API counts " + events + " events in the history, Druid " + history.events());
    }
    out.printf("   the API's count of the history equals Druid's: %,d events%n", events);
  }

  private static void cold(QueryClient client, int rounds, PrintStream out) throws Exception {
    out.printf(
        "   cold (Cache-Control: no-cache, Druid answers), %d rounds of every widget:%n", rounds);
    List<QueryDashboard.Widget> widgets = new ArrayList<>(QueryDashboard.SEVEN_DAYS);
    widgets.add(QueryDashboard.NINETY_DAYS);
    List<List<Double>> samples = new ArrayList<>();
    widgets.forEach(w -> samples.add(new ArrayList<>()));
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < widgets.size(); i++) {
        samples.get(i).add(client.millis(widgets.get(i).model(), true));
      }
    }
    List<Double> dashboard = new ArrayList<>();
    for (int i = 0; i < widgets.size(); i++) {
      out.printf("     %-26s %s%n", widgets.get(i).name(), Percentiles.of(samples.get(i)));
      if (i < QueryDashboard.SEVEN_DAYS.size()) {
        dashboard.addAll(samples.get(i));
      }
    }
    out.printf("     %-26s %s%n", "all 7-day widgets", Percentiles.of(dashboard));
  }

  private static void warm(QueryClient client, int requests, StackPorts ports, PrintStream out)
      throws Exception {
    out.printf("   warm (answered by the cache), %d requests per widget, one client:%n", requests);
    CacheCounts before = CacheCounts.read(ports);
    List<Double> all = new ArrayList<>();
    for (QueryDashboard.Widget w : QueryDashboard.SEVEN_DAYS) {
      client.millis(w.model(), false); // in the cache from the cold rounds, or now
      List<Double> samples = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        samples.add(client.millis(w.model(), false));
      }
      all.addAll(samples);
      out.printf("     %-26s %s%n", w.name(), Percentiles.of(samples));
    }
    out.printf("     %-26s %s%n", "all 7-day widgets", Percentiles.of(all));
    out.println("     " + CacheCounts.read(ports).since(before));
  }

  private static void cached(
      QueryClient client,
      StackLayout layout,
      StackPorts ports,
      int clients,
      int seconds,
      PrintStream out)
      throws Exception {
    out.printf(
        "   cached throughput: %d clients asking the 7-day widgets in turn, %d s after 5 s...%n",
        clients, seconds);
    long controlPlane =
        PidFile.read(layout.run().resolve("control-plane.pid")).map(PidFile::pid).orElse(-1L);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
    AtomicLong failures = new AtomicLong();
    List<String> failed = Collections.synchronizedList(new ArrayList<>());
    long warmupEnd = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    long end = warmupEnd + Duration.ofSeconds(seconds).toNanos();
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int first = c;
      futures.add(
          pool.submit(
              () -> {
                List<Double> mine = new ArrayList<>();
                int n = first;
                while (System.nanoTime() < end) {
                  String model =
                      QueryDashboard.SEVEN_DAYS.get(n++ % QueryDashboard.SEVEN_DAYS.size()).model();
                  long start = System.nanoTime();
                  try {
                    client.answer(model, false);
                  } catch (Exception e) {
                    failures.incrementAndGet();
                    if (failed.size() < 3) {
                      failed.add(e.getMessage());
                    }
                    continue;
                  }
                  if (start >= warmupEnd) {
                    mine.add((System.nanoTime() - start) / 1e6);
                  }
                }
                latencies.addAll(mine);
                return null;
              }));
    }
    Thread.sleep(Math.max(0, (warmupEnd - System.nanoTime()) / 1_000_000));
    CacheCounts before = CacheCounts.read(ports);
    CpuMeter meter = CpuMeter.start(controlPlane);
    for (Future<?> f : futures) {
      f.get();
    }
    CpuMeter.Cores cores = meter.stop();
    pool.shutdown();
    out.printf(
        "     %,d requests in %d s = %,.0f requests/s; %s%n",
        latencies.size(), seconds, latencies.size() / (double) seconds, Percentiles.of(latencies));
    out.println("     " + CacheCounts.read(ports).since(before));
    out.println("     " + cores);
    if (failures.get() > 0) {
      throw new StackException(failures.get() + " requests failed, e.g. " + failed);
    }
  }

  /** The tenant's events as they happen, at the history's rate, once a second. */
  private static ScheduledExecutorService trickle(StackPorts ports, String key, double perSecond) {
    IngestClient ingest = new IngestClient(ports.controlPlaneUrl(), key);
    EventGenerator generator = new EventGenerator(Instant.now().toEpochMilli(), 200_000);
    ScheduledExecutorService live = Executors.newSingleThreadScheduledExecutor();
    double[] owed = {0};
    live.scheduleAtFixedRate(
        () -> {
          owed[0] += perSecond;
          List<String> batch = new ArrayList<>();
          Instant now = Instant.now();
          while (owed[0] >= 1) {
            batch.add(generator.next(now));
            owed[0]--;
          }
          if (!batch.isEmpty()) {
            ingest.post(batch);
          }
        },
        0,
        1,
        TimeUnit.SECONDS);
    return live;
  }

  /** The control plane's cache counters, from its admin port. */
  private record CacheCounts(long hits, long misses, long joins, long stale) {
    static CacheCounts read(StackPorts ports) throws Exception {
      JsonNode counters =
          JSON.readTree(
                  DruidSqlClient.get("http://127.0.0.1:" + ports.controlPlaneAdmin() + "/metrics"))
              .path("counters");
      return new CacheCounts(
          counters.path("canopy.query.cache.hits").path("count").asLong(),
          counters.path("canopy.query.cache.misses").path("count").asLong(),
          counters.path("canopy.query.cache.joins").path("count").asLong(),
          counters.path("canopy.query.cache.stale").path("count").asLong());
    }

    String since(CacheCounts before) {
      return String.format(
          "cache meanwhile: %,d hits, %,d misses, %,d single-flight joins, %,d answers of a moment"
              + " ago served while revalidating",
          hits - before.hits, misses - before.misses, joins - before.joins, stale - before.stale);
    }
  }
}
