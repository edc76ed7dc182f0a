package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.DruidSql;
import io.canopy.stack.process.PidFile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A tenant's concurrency and timeout quotas against a Druid that does not answer: the indexer,
 * which serves the tenant's recent rows, is paused (SIGSTOP) for the test, so its queries hang
 * until a limit ends them. Over the concurrency quota a request is refused at once (429 with
 * Retry-After); past the timeout a request is a 504 naming the limit, and its query has ended in
 * Druid, as the broker's request log records.
 */
@ExtendWith(LocalStackExtension.class)
class QueryLimitsIT {
  private static final Pattern QUERY_ID = Pattern.compile("Druid query (canopy-[0-9a-z-]+)");

  @Test
  void overTheConcurrencyIs429AndPastTheTimeoutIs504WithTheQueryEndedInDruid() throws Exception {
    String slug = "limits-" + UUID.randomUUID().toString().substring(0, 6);
    String key =
        AdminApi.operator()
            .tenantWithKey(
                slug, "{\"queryConcurrency\":1,\"queryTimeoutMs\":3000}", "ingest", "query");
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      events.add(Events.event("click", Instant.now().minusSeconds(i), "limits"));
    }
    IngestClient ingest =
        new IngestClient(LocalStackExtension.stack().ports().controlPlaneUrl(), key);
    assertThat(ingest.post(events).status()).isEqualTo(200);
    Await.until(
        Duration.ofSeconds(90),
        () ->
            DruidSql.sumCount(LocalStackExtension.stack().ports().brokerUrl(), "tenant = ?", slug),
        n -> n == 5,
        "5 events in Druid");
    AdminApi api = AdminApi.controlPlane(key);
    String sql =
        "{\"query\":\"SELECT SUM(\\\"count\\\") AS n FROM events"
            + " WHERE __time >= CURRENT_TIMESTAMP - INTERVAL '10' MINUTE\"}";
    api.call("POST", "/v1/sql", sql, 200); // the columns and the key are known to Druid now

    long indexer =
        PidFile.read(LocalStackExtension.stack().pidFile("druid-indexer")).orElseThrow().pid();
    List<JsonNode> answers = new ArrayList<>();
    signal("STOP", indexer);
    try {
      // Two at once with room for one: one waits on Druid until its timeout, the other is refused.
      CompletableFuture<JsonNode> a =
          CompletableFuture.supplyAsync(() -> api.callExpecting("POST", "/v1/sql", sql, 429, 504));
      CompletableFuture<JsonNode> b =
          CompletableFuture.supplyAsync(() -> api.callExpecting("POST", "/v1/sql", sql, 429, 504));
      answers.add(a.get());
      answers.add(b.get());
    } finally {
      signal("CONT", indexer);
    }

    JsonNode refused =
        answers.stream()
            .filter(r -> r.path("field").asText().equals("quotas.queryConcurrency"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no 429 among " + answers));
    assertThat(refused.path("error").asText()).contains("1 queries at once", "retry after");
    JsonNode timedOut = answers.stream().filter(r -> r != refused).findFirst().orElseThrow();
    assertThat(timedOut.path("field").asText()).isEqualTo("quotas.queryTimeoutMs");
    assertThat(timedOut.path("error").asText()).contains("3000 ms");
    Matcher id = QUERY_ID.matcher(timedOut.path("error").asText());
    assertThat(id.find()).as("the 504 names its Druid query: %s", timedOut).isTrue();
    // Ended in Druid, not left running: the broker logs a query when it ends, here as failed.
    String ended =
        Await.until(
            Duration.ofSeconds(30),
            () -> String.join("\n", DruidRequestLog.linesWith(id.group(1))),
            lines -> !lines.isEmpty(),
            "the broker's log line of the timed-out query");
    assertThat(ended).contains("\"success\":false");
    // and the tenant's next query runs: its concurrency slot was given back
    assertThat(api.call("POST", "/v1/sql", sql, 200).path("rows").path(0).path("n").asLong())
        .isEqualTo(5);
  }

  private static void signal(String signal, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
    assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
  }
}
