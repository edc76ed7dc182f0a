package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.DruidSql;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A tenant's query quotas hold inside Druid, on the real stack: straight to the router, past its
 * concurrency a tenant is refused (429, JSON naming the quota, {@code Retry-After}) and another
 * tenant's queries stay within a measured factor of their speed alone; a query past its timeout
 * ends in Druid (its request log says so) even in a shape whose time Druid does not check (a cross
 * join of {@code VALUES}, which runs on the broker); the control plane's queries for a tenant share
 * the same budget and count once per request.
 */
@ExtendWith(LocalStackExtension.class)
class TenantQuotasInDruidIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern QUERY_ID = Pattern.compile("Druid query (canopy-[0-9a-z-]+)");

  /** How long past its timeout Canopy lets a query run before it stops it (the extension's). */
  private static final long STOP_SLACK_MS = 1_000;

  /** What the test allows beyond that for a loaded two-core machine to get there. */
  private static final long MACHINE_MS = 2_000;

  private static String slugA;
  private static String keyA;
  private static String slugB;
  private static String keyB;

  @BeforeAll
  static void tenants() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    slugA = "quota-a-" + run;
    keyA =
        AdminApi.operator()
            .tenantWithKey(
                slugA,
                "{\"queryConcurrency\":2,\"queriesPerMinute\":1000,\"queryTimeoutMs\":3000}",
                "ingest",
                "query");
    slugB = "quota-b-" + run;
    keyB = AdminApi.operator().tenantWithKey(slugB, "{}", "ingest", "query");
    for (String[] tenant : new String[][] {{slugA, keyA}, {slugB, keyB}}) {
      List<String> events = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        events.add(
            Events.event(
                "page_view",
                Instant.now().minusSeconds(i),
                "quota",
                Map.of("country", i % 3 == 0 ? "DE" : "FR")));
      }
      IngestClient.Response r =
          new IngestClient(LocalStackExtension.stack().ports().controlPlaneUrl(), tenant[1])
              .post(events);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      Await.until(
          Duration.ofSeconds(90),
          () ->
              DruidSql.sumCount(
                  LocalStackExtension.stack().ports().brokerUrl(), "tenant = ?", tenant[0]),
          n -> n == 40,
          "40 events of " + tenant[0] + " in Druid");
    }
  }

  /**
   * A cross join of four {@code VALUES} lists of {@code n} rows: n^4 rows counted on the broker,
   * where Druid checks no timeout (150: half a billion, well over a minute on this machine).
   */
  private static String crossJoin(int n) {
    String values =
        IntStream.range(0, n).mapToObj(i -> "(" + i + ")").collect(Collectors.joining(","));
    return "SELECT COUNT(*) AS n FROM (VALUES "
        + values
        + ") a(x) CROSS JOIN (VALUES "
        + values
        + ") b(y) CROSS JOIN (VALUES "
        + values
        + ") c(z) CROSS JOIN (VALUES "
        + values
        + ") d(w)";
  }

  /** A {@code /v1/sql} request: the control plane chooses the context. */
  private static String v1Sql(String sql) {
    return JSON.createObjectNode().put("query", sql).toString();
  }

  private static String sqlBody(String sql, Map<String, Object> context) {
    return JSON.createObjectNode()
        .put("query", sql)
        .<com.fasterxml.jackson.databind.node.ObjectNode>set("context", JSON.valueToTree(context))
        .toString();
  }

  /** Druid's request log line of query {@code id}, once the query has ended. */
  private static String ended(String id) {
    return Await.until(
        Duration.ofSeconds(30),
        () -> String.join("\n", DruidRequestLog.linesWith(id)),
        lines -> !lines.isEmpty(),
        "the broker's log line of query " + id);
  }

  private static long sqlTime(String line) {
    Matcher m = Pattern.compile("\"sqlQuery/time\":(\\d+)").matcher(line);
    assertThat(m.find()).as("a query time in %s", line).isTrue();
    return Long.parseLong(m.group(1));
  }

  @Test
  void aQueryPastItsTimeoutEndsInDruidWhateverItsShape() {
    // Through /v1/sql: the control plane answers 504, and the query has ended in Druid.
    JsonNode timedOut =
        AdminApi.controlPlane(keyA).call("POST", "/v1/sql", v1Sql(crossJoin(150)), 504);
    assertThat(timedOut.path("field").asText()).isEqualTo("quotas.queryTimeoutMs");
    Matcher id = QUERY_ID.matcher(timedOut.path("error").asText());
    assertThat(id.find()).as("the 504 names its Druid query: %s", timedOut).isTrue();
    String line = ended(id.group(1));
    assertThat(line).contains("\"success\":false");
    assertThat(sqlTime(line)).isLessThanOrEqualTo(3_000 + STOP_SLACK_MS + MACHINE_MS);

    // Straight to Druid, asking for less time than the tenant's: stopped at its own.
    String direct = "quota-direct-" + UUID.randomUUID();
    DruidAs.Answer answer =
        DruidAs.basic(slugA, keyA)
            .post(
                "/druid/v2/sql",
                sqlBody(crossJoin(150), Map.of("sqlQueryId", direct, "timeout", 2_000)));
    assertThat(answer.status()).isEqualTo(504);
    assertThat(answer.body().path("errorMessage").asText())
        .isEqualTo(
            "The query ran past its timeout of 2000 ms (at most the tenant's"
                + " quotas.queryTimeoutMs, 3000 ms) and was stopped.");
    String directLine = ended(direct);
    assertThat(directLine).contains("\"success\":false");
    assertThat(sqlTime(directLine)).isLessThanOrEqualTo(2_000 + STOP_SLACK_MS + MACHINE_MS);

    // Asking for more than the tenant's: Druid runs it with the tenant's.
    DruidAs.Answer longer =
        DruidAs.basic(slugA, keyA)
            .post("/druid/v2/sql", sqlBody(crossJoin(150), Map.of("timeout", 600_000)));
    assertThat(longer.status()).isEqualTo(504);
    assertThat(longer.body().path("errorMessage").asText()).contains("timeout of 3000 ms");
  }

  /**
   * Past its concurrency a tenant's direct queries are refused, by SQL and natively, and its
   * control-plane queries too (one budget); meanwhile another tenant's query speed is measured
   * against its speed alone.
   */
  @Test
  void aDirectBurstIsRefusedPastTheConcurrencyAndTheRatioOfAnotherTenantsSpeedIsMeasured()
      throws Exception {
    String probe = v1Sql("SELECT SUM(\"count\") AS n FROM events");
    AdminApi asB = AdminApi.controlPlane(keyB);
    List<Long> alone = timed(() -> asB.call("POST", "/v1/sql", probe, 200), 40);

    AtomicBoolean bursting = new AtomicBoolean(true);
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    List<String> refusals = Collections.synchronizedList(new ArrayList<>());
    ExecutorService attackers = Executors.newFixedThreadPool(30);
    String heavy = sqlBody(crossJoin(150), Map.of());
    for (int t = 0; t < 30; t++) {
      attackers.submit(
          () -> {
            while (bursting.get()) {
              DruidAs.Answer a = DruidAs.basic(slugA, keyA).post("/druid/v2/sql", heavy);
              statuses.computeIfAbsent(a.status(), s -> new AtomicInteger()).incrementAndGet();
              if (a.status() == 429) {
                refusals.add(a.retryAfter() + " " + a.body());
                pause(Duration.ofSeconds(1)); // as the attacker of the issue: ~30 a second
              }
            }
            return null;
          });
    }
    List<Long> during;
    JsonNode sharedBudget;
    try {
      // The burst holds A's two places: A's own query through the control plane is refused too.
      sharedBudget =
          Await.until(
              Duration.ofSeconds(30),
              () -> AdminApi.controlPlane(keyA).callExpecting("POST", "/v1/sql", probe, 200, 429),
              r -> r.path("field").asText().equals("quotas.queryConcurrency"),
              "A's /v1/sql refused while its burst holds its places");
      during = timed(() -> asB.call("POST", "/v1/sql", probe, 200), 40);
    } finally {
      bursting.set(false);
      attackers.shutdown();
      assertThat(attackers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(statuses.keySet()).as("A's answers: %s", statuses).containsOnly(429, 504);
    assertThat(statuses.get(429).get()).isGreaterThan(statuses.get(504).get());
    String refusal = refusals.get(0);
    assertThat(refusal).startsWith("1 ");
    JsonNode body = JSON.readTree(refusal.substring(2));
    assertThat(body.path("context").path("quota").asText()).isEqualTo("queryConcurrency");
    assertThat(body.path("errorMessage").asText())
        .isEqualTo(
            "Tenant '"
                + slugA
                + "' already runs 2 queries at once, its quota (quotas.queryConcurrency);"
                + " retry after 1 s.");
    assertThat(sharedBudget.path("error").asText()).contains("quotas.queryConcurrency");
    long p50Alone = median(alone);
    long p50During = median(during);
    System.out.printf(
        "TenantQuotasInDruidIT: B's /v1/sql p50 alone %d ms, during A's burst %d ms (ratio %.2f);"
            + " A's answers %s%n",
        p50Alone, p50During, (double) p50During / Math.max(1, p50Alone), statuses);
    // A's places are free again once its queries have stopped.
    Await.until(
        Duration.ofSeconds(30),
        () -> AdminApi.controlPlane(keyA).callExpecting("POST", "/v1/sql", probe, 200, 429),
        r -> r.has("rows"),
        "A's /v1/sql answered after its burst");
  }

  /**
   * One request of the control plane counts once against the tenant's minute in Druid, however many
   * Druid queries it runs; the minute is one budget with the tenant's direct queries.
   */
  @Test
  void theControlPlanesRequestsCountOnceInTheTenantsMinute() {
    String slug = "quota-c-" + UUID.randomUUID().toString().substring(0, 6);
    String key =
        AdminApi.operator().tenantWithKey(slug, "{\"queriesPerMinute\":5}", "ingest", "query");
    IngestClient.Response r =
        new IngestClient(LocalStackExtension.stack().ports().controlPlaneUrl(), key)
            .post(
                List.of(
                    Events.event("page_view", Instant.now(), "c", Map.of("country", "DE")),
                    Events.event("page_view", Instant.now(), "c", Map.of("country", "FR"))));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    Await.until(
        Duration.ofSeconds(90),
        () ->
            DruidSql.sumCount(LocalStackExtension.stack().ports().brokerUrl(), "tenant = ?", slug),
        n -> n == 2,
        "2 events of " + slug + " in Druid");
    // Asked afresh, a split is at least two Druid queries (its top values, then its rows).
    AdminApi fresh = AdminApi.controlPlane(key).withHeader("Cache-Control", "no-cache");
    String split =
        "{\"measures\":[\"events\"],\"splits\":[{\"dimension\":\"country\",\"limit\":1}],"
            + "\"range\":{\"relative\":\"last 1h\"}}";
    int before = DruidRequestLog.linesWith("\"identity\":\"tenant:" + slug + "\"").size();
    for (int i = 0; i < 3; i++) {
      JsonNode answer = fresh.call("POST", "/v1/query", split, 200);
      assertThat(answer.path("rows").findValuesAsText("country")).hasSize(2);
    }
    Await.until(
        Duration.ofSeconds(30),
        () -> DruidRequestLog.linesWith("\"identity\":\"tenant:" + slug + "\"").size() - before,
        ran -> ran >= 6,
        "at least two Druid queries for each of the three requests");
    // The three requests took three of the five, the control plane's read of the tenant's columns
    // a fourth (its metadata reads count once per ten minutes): one direct query fits, the next
    // does not.
    DruidAs direct = DruidAs.basic(slug, key);
    assertThat(direct.sql("SELECT COUNT(*) AS n FROM events").status()).isEqualTo(200);
    DruidAs.Answer over = direct.sql("SELECT COUNT(*) AS n FROM events");
    assertThat(over.status()).isEqualTo(429);
    assertThat(over.retryAfter()).isNotNull();
    assertThat(over.body().path("context").path("quota").asText()).isEqualTo("queriesPerMinute");
  }

  private static List<Long> timed(Runnable call, int times) {
    List<Long> ms = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      long start = System.nanoTime();
      call.run();
      ms.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
    return ms;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
