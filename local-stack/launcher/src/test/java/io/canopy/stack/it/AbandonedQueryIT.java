package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.DruidSql;
import io.canopy.stack.process.PidFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that goes away while its query runs: the query is cancelled in Druid at once, not left
 * running until the tenant's timeout, and the tenant's concurrency slot is given back. The indexer,
 * which serves the tenant's recent rows, is paused (SIGSTOP) so the query waits in Druid; the
 * request is sent on a raw socket that the test closes.
 */
@ExtendWith(LocalStackExtension.class)
class AbandonedQueryIT {
  /** Far beyond how long the cancellation takes: a query still running then was not cancelled. */
  private static final int TIMEOUT_MS = 120_000;

  private static final String SLOT_PROBE = "{\"query\":\"SELECT 1 AS probe\"}";

  @Test
  void aQueryWhoseClientWentAwayIsCancelledInDruid() throws Exception {
    String slug = "gone-" + UUID.randomUUID().toString().substring(0, 6);
    String key =
        AdminApi.operator()
            .tenantWithKey(
                slug,
                "{\"queryConcurrency\":1,\"queryTimeoutMs\":" + TIMEOUT_MS + "}",
                "ingest",
                "query");
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      events.add(
          Events.event("click", Instant.now().minusSeconds(i), "gone", Map.of("page", "/home")));
    }
    String controlPlane = LocalStackExtension.stack().ports().controlPlaneUrl();
    assertThat(new IngestClient(controlPlane, key).post(events).status()).isEqualTo(200);
    Await.until(
        Duration.ofSeconds(90),
        () ->
            DruidSql.sumCount(LocalStackExtension.stack().ports().brokerUrl(), "tenant = ?", slug),
        n -> n == 3,
        "3 events in Druid");
    AdminApi api = AdminApi.controlPlane(key);
    String recent = " FROM events WHERE __time >= CURRENT_TIMESTAMP - INTERVAL '10' MINUTE";
    String count = "{\"query\":\"SELECT SUM(\\\"count\\\") AS n" + recent + "\"}";
    assertThat(api.call("POST", "/v1/sql", count, 200).path("rows").path(0).path("n").asLong())
        .isEqualTo(3);

    String sqlMarker = "abandoned-sql-" + UUID.randomUUID();
    String sql =
        "{\"query\":\"SELECT '" + sqlMarker + "' AS m, SUM(\\\"count\\\") AS n" + recent + "\"}";
    String queryMarker = "abandoned-query-" + UUID.randomUUID();
    String model =
        "{\"measures\":[\"events\"],\"range\":{\"relative\":\"last 1h\"},"
            + "\"filter\":{\"type\":\"equals\",\"dimension\":\"page\",\"value\":\""
            + queryMarker
            + "\"}}";

    long indexer =
        PidFile.read(LocalStackExtension.stack().pidFile("druid-indexer")).orElseThrow().pid();
    signal("STOP", indexer);
    try {
      abandon(controlPlane, key, "/v1/sql", sql, api);
      abandon(controlPlane, key, "/v1/query", model, api);
      // Ended in Druid while the indexer is still paused, so it never answered them: only their
      // cancellation can have ended them (else they wait for the indexer until the timeout). The
      // broker logs the SQL text: /v1/sql's with its marker inline, /v1/query's with the marker a
      // parameter.
      // (the marker is a literal: the log keeps its digest)
      assertEndedUnanswered(
          () -> DruidRequestLog.linesWith(DruidRequestLog.digest(sqlMarker)), sqlMarker);
      assertEndedUnanswered(
          () ->
              DruidRequestLog.linesWith("tenant:" + slug).stream()
                  .filter(l -> l.contains("(\\\"page\\\" = ?)"))
                  .toList(),
          "/v1/query's filter on page");
    } finally {
      signal("CONT", indexer);
    }
    // and the tenant's next query over its rows runs
    assertThat(api.call("POST", "/v1/sql", count, 200).path("rows").path(0).path("n").asLong())
        .isEqualTo(3);
  }

  /**
   * The query ended in Druid unanswered: its lines (SQL and native) are in the broker's request
   * log, as failed. Cancelled by the control plane ({@code DELETE}), or, when the control plane's
   * connection closed first, ended on that (Druid logs an exception without a message).
   */
  private static void assertEndedUnanswered(Supplier<List<String>> log, String what) {
    List<String> lines =
        Await.until(
            Duration.ofSeconds(30),
            log,
            l -> !l.isEmpty(),
            "the broker's log line of " + what + " while the indexer is paused");
    assertThat(lines)
        .as("the broker's log lines (SQL and native) of %s", what)
        .allSatisfy(l -> assertThat(l).contains("\"success\":false"));
  }

  /**
   * Sends {@code body} on a socket, waits until its query holds the tenant's one slot, closes the
   * socket, and waits until the slot is free again while Druid still could not have answered: the
   * control plane saw the client go and ended the query. A probe may take the slot for a moment
   * just as the request arrives; the request is then refused (429 on its socket) and sent again.
   */
  private static void abandon(
      String controlPlane, String key, String path, String body, AdminApi api) throws Exception {
    URI uri = URI.create(controlPlane);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: "
                + uri.getHost()
                + "\r\nAuthorization: Bearer "
                + key
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + bytes.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    String state = "refused";
    for (int attempt = 0; attempt < 5 && state.equals("refused"); attempt++) {
      try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
        OutputStream out = socket.getOutputStream();
        out.write(head);
        out.write(bytes);
        out.flush();
        InputStream in = socket.getInputStream();
        state =
            Await.until(
                Duration.ofSeconds(30),
                () -> answered(in) ? "refused" : slotTaken(api) ? "held" : "waiting",
                s -> !s.equals("waiting"),
                path + "'s query holds the tenant's slot");
        assertThat(state.equals("refused") || !answered(in))
            .as("%s still waits on Druid", path)
            .isTrue();
      }
    }
    assertThat(state).as("%s held the slot in one of 5 tries", path).isEqualTo("held");
    Await.until(
        Duration.ofSeconds(30),
        () -> slotTaken(api),
        taken -> !taken,
        path + "'s slot given back after its client went away");
  }

  private static boolean answered(InputStream in) {
    try {
      return in.available() > 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Whether the tenant's one slot is taken, asked with a query the broker answers itself (the
   * paused indexer serves no part of it): refused over the quota, answered at once when free.
   */
  private static boolean slotTaken(AdminApi api) {
    JsonNode answer = api.callExpecting("POST", "/v1/sql", SLOT_PROBE, 200, 429);
    return answer.path("field").asText().equals("quotas.queryConcurrency");
  }

  private static void signal(String signal, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
    assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
  }
}
