package io.canopy.stack.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.client.IngestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Event-to-queryable latency through the ingest API: probe events (one per request, a few per
 * second, each with its own {@code page}) are posted while a poller asks the broker every {@value
 * #POLL_MS} ms which probes it can see. A probe's latency is from just before its POST to the end
 * of the first query that returned it, so it includes the ingest API, Kafka, Druid's consumer poll
 * and the query itself (the poll interval bounds the resolution).
 */
final class LatencyProbe {
  static final int POLL_MS = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  record Result(Percentiles endToEnd, Percentiles apiAck) {}

  static Result run(IngestClient client, String brokerUrl, int probes, int perSecond)
      throws Exception {
    String campaign = "latency-probe-" + UUID.randomUUID();
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    Map<String, Long> seenAt = new ConcurrentHashMap<>();
    List<Double> ack = new ArrayList<>();
    Thread poller =
        new Thread(() -> poll(brokerUrl, campaign, probes, sentAt, seenAt), "latency-poller");
    poller.start();
    for (int i = 0; i < probes; i++) {
      String page = "/probe/" + i;
      String event =
          JSON.writeValueAsString(
              Map.of(
                  "event",
                  "probe",
                  "timestamp",
                  Instant.now().toString(),
                  "campaign",
                  campaign,
                  "page",
                  page));
      long t0 = System.nanoTime();
      sentAt.put(page, t0);
      IngestClient.Response r = client.post(List.of(event));
      ack.add((System.nanoTime() - t0) / 1e6);
      if (r.status() != 200) {
        throw new IllegalStateException("probe refused: HTTP " + r.status() + " " + r.body());
      }
      Thread.sleep(1000 / perSecond);
    }
    poller.join(Duration.ofSeconds(60).toMillis());
    poller.interrupt();
    if (seenAt.size() < probes) {
      throw new IllegalStateException(
          "only " + seenAt.size() + " of " + probes + " probes became visible in 60 s");
    }
    List<Double> e2e = new ArrayList<>();
    seenAt.forEach((page, seen) -> e2e.add((seen - sentAt.get(page)) / 1e6));
    return new Result(Percentiles.of(e2e), Percentiles.of(ack));
  }

  private static void poll(
      String brokerUrl,
      String campaign,
      int probes,
      Map<String, Long> sentAt,
      Map<String, Long> seenAt) {
    HttpClient http = HttpClient.newHttpClient();
    String body;
    try {
      body =
          JSON.writeValueAsString(
              Map.of(
                  "query",
                  "SELECT DISTINCT page FROM events WHERE campaign = ?",
                  "parameters",
                  List.of(Map.of("type", "VARCHAR", "value", campaign))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(brokerUrl + "/druid/v2/sql"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    while (seenAt.size() < probes && !Thread.currentThread().isInterrupted()) {
      try {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        long now = System.nanoTime();
        if (r.statusCode() == 200) {
          for (Map<String, String> row :
              JSON.readValue(r.body(), new TypeReference<List<Map<String, String>>>() {})) {
            if (sentAt.containsKey(row.get("page"))) {
              seenAt.putIfAbsent(row.get("page"), now);
            }
          }
        }
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        // a failed poll only delays what it would have seen
      }
    }
  }

  private LatencyProbe() {}
}
