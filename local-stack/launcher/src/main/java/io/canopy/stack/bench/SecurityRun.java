package io.canopy.stack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.StackException;
import io.canopy.stack.StackPorts;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.demo.EventGenerator;
import io.canopy.stack.druid.DruidSql;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench --only security}: what tenant security costs a Druid SQL query, and how often
 * Druid's key caches ask the control plane.
 *
 * <p>"With": the tenant's key (Basic {@code slug:key}) and Druid adding the tenant's row filter.
 * "Without": the same query with the tenant filter written into it, sent as the operator, whose
 * token is compared in memory and whose reads carry no filter: the same rows and the same work for
 * the historicals, without a key lookup or a policy. The two alternate query by query in one run,
 * so drift (compaction, the demo's traffic, the JIT) falls on both alike.
 */
final class SecurityRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The control plane's timer of introspection calls (IntrospectionResource.METRIC). */
  private static final String INTROSPECTIONS = "canopy.keys.introspections";

  /** The extension's positive TTL, the default: a key's answer is reused for this long. */
  private static final int TTL_SECONDS = 30;

  /** A query through the router is authenticated by the router and again by the broker. */
  private static final int AUTHENTICATING_SERVICES = 2;

  private static final String DAY = "__time >= CURRENT_TIMESTAMP - INTERVAL '1' DAY";
  private static final String SIMPLE = "SELECT SUM(\"count\") AS n FROM events WHERE %s" + DAY;
  private static final String GROUPED =
      "SELECT event, country, SUM(\"count\") AS n FROM events WHERE %s"
          + DAY
          + " GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 20";

  private SecurityRun() {}

  static void run(
      StackPorts ports,
      String operatorToken,
      int events,
      int queries,
      int clients,
      int seconds,
      PrintStream out)
      throws Exception {
    BenchTenant tenant = BenchTenant.create(ports, operatorToken, "ingest", "query");
    out.printf("5. Security: %s with %,d events over the last 6 hours...%n", tenant.slug(), events);
    load(ports, tenant, events);
    DruidSqlClient asTenant = DruidSqlClient.basic(ports.routerUrl(), tenant.slug(), tenant.key());
    DruidSqlClient asOperator = DruidSqlClient.bearer(ports.routerUrl(), operatorToken);
    String filter = "tenant = '" + tenant.slug() + "' AND ";
    for (String[] query : new String[][] {{"simple", SIMPLE}, {"grouped", GROUPED}}) {
      String with = String.format(query[1], "");
      String without = String.format(query[1], filter);
      if (!asTenant.rows(with).equals(asOperator.rows(without))) {
        throw new StackException("the tenant's rows differ from the operator's: " + with);
      }
      compare(query[0], asTenant, with, asOperator, without, queries, out);
    }
    introspections(ports, operatorToken, tenant, clients, seconds, out);
  }

  private static void load(StackPorts ports, BenchTenant tenant, int events) throws Exception {
    IngestClient client = new IngestClient(ports.controlPlaneUrl(), tenant.key());
    EventGenerator generator = new EventGenerator(7, 10_000);
    Instant now = Instant.now();
    long spreadMillis = Duration.ofHours(6).toMillis() / events;
    List<String> batch = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      batch.add(generator.next(now.minusMillis(i * spreadMillis)));
      if (batch.size() == ThroughputRun.BATCH || i == events - 1) {
        IngestClient.Response r = client.post(batch);
        if (r.status() != 200) {
          throw new StackException("loading answered " + r.status() + ": " + r.body());
        }
        batch.clear();
      }
    }
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (DruidSql.sumCount(ports.brokerUrl(), "tenant = ?", tenant.slug()) != events) {
      if (System.nanoTime() > deadline) {
        throw new StackException("the loaded events were not all queryable after 5 minutes");
      }
      Thread.sleep(500); // poll interval
    }
  }

  /** Warms both up, then alternates them, swapping which goes first at each step. */
  private static void compare(
      String name,
      DruidSqlClient with,
      String withSql,
      DruidSqlClient without,
      String withoutSql,
      int queries,
      PrintStream out)
      throws Exception {
    for (int i = 0; i < Math.max(50, queries / 10); i++) {
      with.millis(withSql);
      without.millis(withoutSql);
    }
    List<Double> withMs = new ArrayList<>();
    List<Double> withoutMs = new ArrayList<>();
    for (int i = 0; i < queries; i++) {
      if (i % 2 == 0) {
        withMs.add(with.millis(withSql));
        withoutMs.add(without.millis(withoutSql));
      } else {
        withoutMs.add(without.millis(withoutSql));
        withMs.add(with.millis(withSql));
      }
    }
    Percentiles w = Percentiles.of(withMs);
    Percentiles wo = Percentiles.of(withoutMs);
    out.printf(
        "   %-8s with    p50 %.2f ms  p99 %.2f ms%n"
            + "   %-8s without p50 %.2f ms  p99 %.2f ms   ratio p50 %.3f  p99 %.3f  (n=%d each)%n",
        name,
        w.p50(),
        w.p99(),
        "",
        wo.p50(),
        wo.p99(),
        w.p50() / wo.p50(),
        w.p99() / wo.p99(),
        queries);
  }

  /**
   * {@code clients} threads on fresh keys (ten clients a key) for {@code seconds}; counts the
   * introspection calls the control plane answered meanwhile.
   */
  private static void introspections(
      StackPorts ports,
      String operatorToken,
      BenchTenant tenant,
      int clients,
      int seconds,
      PrintStream out)
      throws Exception {
    int keys = Math.max(1, clients / 10);
    List<DruidSqlClient> callers = new ArrayList<>();
    for (int k = 0; k < keys; k++) {
      callers.add(
          DruidSqlClient.basic(
              ports.routerUrl(), tenant.slug(), tenant.newKey(ports, operatorToken, "query")));
    }
    String sql = String.format(SIMPLE, "");
    long before = introspectionCount(ports);
    AtomicLong answered = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < clients; t++) {
      DruidSqlClient caller = callers.get(t % keys);
      workers.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < end) {
                  (caller.status(sql) == 200 ? answered : refused).incrementAndGet();
                }
                return null;
              }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();
    long calls = introspectionCount(ports) - before;
    int windows = (int) Math.ceil((double) seconds / TTL_SECONDS);
    out.printf(
        "   %d clients on %d fresh keys for %d s: %,d queries answered (%.0f/s), %d not%n"
            + "   introspection calls: %d for %d keys over %d TTL windows of %d s ="
            + " %.2f per key per TTL in each of the %d services that authenticate (router,"
            + " broker)%n",
        clients,
        keys,
        seconds,
        answered.get(),
        answered.get() / (double) seconds,
        refused.get(),
        calls,
        keys,
        windows,
        TTL_SECONDS,
        calls / (double) (keys * windows * AUTHENTICATING_SERVICES),
        AUTHENTICATING_SERVICES);
  }

  private static long introspectionCount(StackPorts ports) throws Exception {
    JsonNode metrics =
        JSON.readTree(
            DruidSqlClient.get("http://127.0.0.1:" + ports.controlPlaneAdmin() + "/metrics"));
    JsonNode timer = metrics.path("timers").path(INTROSPECTIONS);
    if (timer.isMissingNode()) {
      throw new StackException("the control plane has no " + INTROSPECTIONS + " timer");
    }
    return timer.path("count").asLong();
  }
}
