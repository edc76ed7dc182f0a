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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
      double rate,
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
    try (QueryClient client = new QueryClient(ports.controlPlaneUrl(), tenant.key())) {
      check(client, history, out);
      cold(client, o.coldRounds(), out);
      long controlPlane =
          PidFile.read(layout.run().resolve("control-plane.pid")).map(PidFile::pid).orElse(-1L);
      warm(client, o.warmRequests(), ports, controlPlane, out);
      CachedLoad cached =
          new CachedLoad(client, controlPlane, ports, o.clients(), o.seconds(), out);
      cached.closed();
      cached.paced(o.rate());
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

  /**
   * One client asking each widget {@code requests} times, every answer from the cache; with the
   * control plane's CPU time per answer (its CPU over the phase, which includes the live events'
   * ingestion, divided by the answers).
   */
  private static void warm(
      QueryClient client, int requests, StackPorts ports, long controlPlane, PrintStream out)
      throws Exception {
    out.printf("   warm (answered by the cache), %d requests per widget, one client:%n", requests);
    CacheCounts before = CacheCounts.read(ports);
    List<Double> all = new ArrayList<>();
    long start = System.nanoTime();
    CpuMeter meter = CpuMeter.start(controlPlane);
    for (QueryDashboard.Widget w : QueryDashboard.SEVEN_DAYS) {
      client.millis(w.model(), false); // in the cache from the cold rounds, or now
      List<Double> samples = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        samples.add(client.millis(w.model(), false));
      }
      all.addAll(samples);
      out.printf("     %-26s %s%n", w.name(), Percentiles.of(samples));
    }
    CpuMeter.Cores cores = meter.stop();
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf("     %-26s %s%n", "all 7-day widgets", Percentiles.of(all));
    out.println("     " + CacheCounts.read(ports).since(before));
    out.printf(
        "     control plane CPU per answer: %.2f ms (%.2f cores over %.1f s, %d answers)%n",
        cores.other() * seconds * 1000 / all.size(), cores.other(), seconds, all.size());
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
}
