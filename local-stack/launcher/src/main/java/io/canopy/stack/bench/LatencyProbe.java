package io.canopy.stack.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.DruidSql;
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

  /**
   * @param slowest the five slowest probes as "#sequence: ms", to tell a cold start or a periodic
   *     stall from spread
   */
  record Result(
      Percentiles endToEnd,
      Percentiles apiAck,
      List<String> slowest,
      List<Double> endToEndMillis) {}

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
    List<String> slowest =
        seenAt.entrySet().stream()
            .sorted(
                (a, b) ->
                    Long.compare(
                        b.getValue() - sentAt.get(b.getKey()),
                        a.getValue() - sentAt.get(a.getKey())))
            .limit(5)
            .map(
                e ->
                    "#"
                        + e.getKey().substring("/probe/".length())
                        + ": "
                        + (e.getValue() - sentAt.get(e.getKey())) / 1_000_000
                        + " ms")
            .toList();
    return new Result(Percentiles.of(e2e), Percentiles.of(ack), slowest, List.copyOf(e2e));
  }

  private static void poll(
      String brokerUrl,
      String campaign,
      int probes,
      Map<String, Long> sentAt,
      Map<String, Long> seenAt) {
    while (seenAt.size() < probes && !Thread.currentThread().isInterrupted()) {
      try {
        List<Map<String, Object>> rows =
            DruidSql.query(
                brokerUrl, "SELECT DISTINCT page FROM events WHERE campaign = ?", campaign);
        long now = System.nanoTime();
        for (Map<String, Object> row : rows) {
          if (sentAt.containsKey((String) row.get("page"))) {
            seenAt.putIfAbsent((String) row.get("page"), now);
          }
        }
        Thread.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        // a failed poll only delays what it would have seen
      }
    }
  }

  private LatencyProbe() {}
}
