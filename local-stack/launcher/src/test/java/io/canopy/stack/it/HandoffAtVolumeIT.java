package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.Stack;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.DruidSql;
import io.canopy.stack.druid.Supervisor;
import io.canopy.stack.health.ControlPlaneHealth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The spine at volume: a million events through the ingest API, spread over three hours of event
 * time, with Canopy's full schema (six sketch columns) and almost no rollup (every event its own
 * row), then a forced handoff. Every hour must end up published and loaded on the hot tier, the
 * tenant's count must never drop while the segments move from the indexer to the historicals, and
 * no Druid log may show an out-of-memory error or a failed merge — the failure this test was
 * written for (every handoff merge ran out of direct memory at about 1.5 M rows).
 */
@ExtendWith(LocalStackExtension.class)
class HandoffAtVolumeIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EVENTS = 1_000_000;
  private static final int HOURS = 3;
  private static final int BATCH = 1_000;
  private static final int SENDERS = 4;

  /**
   * How sys.segments writes times; its columns are strings, so parameters must match to compare.
   */
  private static final DateTimeFormatter SEGMENT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  @Test
  void aMillionEventsOverThreeHoursAreHandedOffWithoutLossOrAGap() throws Exception {
    Stack stack = LocalStackExtension.stack();
    String broker = stack.ports().brokerUrl();
    String slug = "vol-" + UUID.randomUUID().toString().substring(0, 8);
    String key = volumeTenant(stack, slug);
    Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
    Instant start = end.minus(HOURS, ChronoUnit.HOURS);
    Instant testStart = Instant.now();

    long accepted = send(new IngestClient(stack.ports().controlPlaneUrl(), key), slug, start);
    assertThat(accepted).isEqualTo(EVENTS);
    Await.until(
        Duration.ofMinutes(5),
        () -> DruidSql.sumCount(broker, "tenant = ?", slug),
        n -> n == EVENTS,
        EVENTS + " events of " + slug + " in Druid");

    CountWatcher watcher = new CountWatcher(() -> DruidSql.sumCount(broker, "tenant = ?", slug));
    ScheduledExecutorService probes = Executors.newSingleThreadScheduledExecutor();
    probes.scheduleWithFixedDelay(watcher, 0, 100, TimeUnit.MILLISECONDS);
    try {
      Supervisor.events(stack.ports()).handoff(0);
      Await.until(
          Duration.ofMinutes(8),
          () -> handedOffHours(stack, start, end),
          hours -> hours == HOURS,
          "all " + HOURS + " hours published, off the indexer and loaded on the hot tier");
      // Still probing once the hours are off the indexer: the watch covered the whole move.
      int atHandoff = watcher.probes();
      Await.until(
          Duration.ofSeconds(30), watcher::probes, n -> n > atHandoff, "a probe after the handoff");
    } finally {
      probes.shutdown(); // the probe running ends as it would; none starts after it
    }
    assertThat(probes.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(watcher.errors()).as("broker errors while counting during the handoff").isEmpty();
    // One probe takes well under a second: a handoff of three hours lasts tens of seconds.
    assertThat(watcher.probes()).as("count probes during the handoff").isGreaterThanOrEqualTo(20);
    assertThat(watcher.lowest()).as("lowest count seen during the handoff").isEqualTo(EVENTS);
    assertThat(DruidSql.sumCount(broker, "tenant = ?", slug)).isEqualTo(EVENTS);
    assertThat(failedTasksSince(stack, testStart)).as("failed ingestion tasks").isEmpty();
    assertThat(druidLogProblems(stack)).as("OOM or failed merges in Druid's logs").isEmpty();
    // The task ends a moment after its segments are loaded; then health shows the handoff.
    ControlPlaneHealth health = new ControlPlaneHealth(stack.ports().controlPlaneHealthUrl());
    List<String> report =
        Await.until(
            Duration.ofMinutes(2),
            health::report,
            lines -> lines.stream().anyMatch(l -> l.contains(" min ago")),
            "the handoff in the control plane's ingestion health");
    assertThat(report)
        .anySatisfy(
            line ->
                assertThat(line)
                    .startsWith("datasource events: ")
                    .contains("0 failed streaming tasks"));
    assertThat(health.allHealthy()).as("%s", report).isTrue();
  }

  /**
   * Counts the tenant's events again and again while the segments move: the lowest count seen, how
   * many probes ran, and every failed probe (a broker error is recorded, not fatal: the next probe
   * runs, so a single error can neither end the watch silently nor pass unseen).
   */
  private static final class CountWatcher implements Runnable {
    private final LongSupplier count;
    private final AtomicLong lowest = new AtomicLong(Long.MAX_VALUE);
    private final AtomicInteger probes = new AtomicInteger();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    CountWatcher(LongSupplier count) {
      this.count = count;
    }

    @Override
    public void run() {
      try {
        lowest.accumulateAndGet(count.getAsLong(), Math::min);
      } catch (RuntimeException e) {
        errors.add(Instant.now() + ": " + e.getMessage());
      }
      probes.incrementAndGet();
    }

    int probes() {
      return probes.get();
    }

    long lowest() {
      return lowest.get();
    }

    List<String> errors() {
      return List.copyOf(errors);
    }
  }

  private static String volumeTenant(Stack stack, String slug) {
    AdminApi admin =
        new AdminApi(stack.ports().controlPlaneUrl(), LocalStackExtension.operatorToken());
    admin.call(
        "POST",
        "/v1/tenants",
        "{\"slug\":\""
            + slug
            + "\",\"name\":\"Volume\",\"quotas\":"
            + "{\"ingestEventsPerSecond\":1000000,\"ingestBurstEvents\":10000000}}",
        201);
    return admin
        .call("POST", "/v1/tenants/" + slug + "/keys", "{\"scopes\":[\"ingest\"]}", 201)
        .get("key")
        .asText();
  }

  /** Posts {@link #EVENTS} events from {@link #SENDERS} threads; returns how many were accepted. */
  private static long send(IngestClient client, String slug, Instant start) throws Exception {
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    List<Future<Long>> parts = new ArrayList<>();
    int batches = EVENTS / BATCH;
    for (int s = 0; s < SENDERS; s++) {
      int sender = s;
      parts.add(
          senders.submit(
              () -> {
                long accepted = 0;
                for (int b = sender; b < batches; b += SENDERS) {
                  IngestClient.Response r = client.post(batch(b, slug, start));
                  assertThat(r.status()).as(r.body()).isEqualTo(200);
                  accepted += JSON.readTree(r.body()).get("accepted").asLong();
                }
                return accepted;
              }));
    }
    long accepted = 0;
    for (Future<Long> part : parts) {
      accepted += part.get();
    }
    senders.shutdown();
    return accepted;
  }

  /**
   * One batch of events spread evenly over the hours, each with its own page/IP-network/user
   * combination so that minute rollup merges almost nothing: a worst case for the indexer's memory.
   */
  private static List<String> batch(int b, String slug, Instant start) {
    long spanMillis = Duration.ofHours(HOURS).toMillis();
    List<String> events = new ArrayList<>(BATCH);
    for (int j = 0; j < BATCH; j++) {
      int i = b * BATCH + j;
      Instant at = start.plusMillis(spanMillis * i / EVENTS);
      String type = i % 10 == 0 ? "purchase" : (i % 3 == 0 ? "click" : "page_view");
      events.add(
          "{\"event\":\""
              + type
              + "\",\"timestamp\":\""
              + at
              + "\",\"user_id\":\"u"
              + (i % 200_000)
              + "\",\"country\":\"C"
              + (i % 31)
              + "\",\"device\":\""
              + (i % 3 == 0 ? "mobile" : "desktop")
              + "\",\"campaign\":\""
              + slug
              + "\",\"page\":\"/p/"
              + (i % 997)
              + "\",\"ip\":\"10."
              + ((i >> 16) & 255)
              + "."
              + ((i >> 8) & 255)
              + "."
              + (i & 255)
              + "\",\"duration_ms\":"
              + (i % 5_000)
              + (type.equals("purchase") ? ",\"revenue\":" + (i % 100) : "")
              + "}");
    }
    return events;
  }

  /**
   * Hours of [start, end) whose every segment is published, no longer real-time, and served by the
   * hot historical.
   */
  private static int handedOffHours(Stack stack, Instant start, Instant end) {
    List<Map<String, Object>> segments =
        DruidSql.query(
            stack.ports().brokerUrl(),
            "SELECT segment_id, \"start\", is_published, is_realtime FROM sys.segments"
                + " WHERE datasource = 'events' AND \"start\" >= ? AND \"end\" <= ?",
            SEGMENT_TIME.format(start),
            SEGMENT_TIME.format(end));
    Set<String> onHot = hotSegments(stack);
    Set<Object> complete = new HashSet<>();
    Set<Object> incomplete = new HashSet<>();
    for (Map<String, Object> s : segments) {
      boolean done =
          ((Number) s.get("is_published")).intValue() == 1
              && ((Number) s.get("is_realtime")).intValue() == 0
              && onHot.contains((String) s.get("segment_id"));
      (done ? complete : incomplete).add(s.get("start"));
    }
    complete.removeAll(incomplete);
    return complete.size();
  }

  private static Set<String> hotSegments(Stack stack) {
    JsonNode servers =
        AdminApi.druid(stack.ports().coordinatorUrl())
            .call("GET", "/druid/coordinator/v1/servers?full", null, 200);
    Set<String> ids = new HashSet<>();
    for (JsonNode server : servers) {
      if (server.path("tier").asText().equals("hot")) {
        server.path("segments").fieldNames().forEachRemaining(ids::add);
      }
    }
    return ids;
  }

  private static List<String> failedTasksSince(Stack stack, Instant since) {
    JsonNode tasks =
        AdminApi.druid(stack.ports().coordinatorUrl())
            .call(
                "GET",
                "/druid/indexer/v1/tasks?state=complete&datasource=events&createdTimeInterval="
                    + since
                    + "/"
                    + Instant.now().plusSeconds(60),
                null,
                200);
    List<String> failed = new ArrayList<>();
    for (JsonNode task : tasks) {
      if (task.path("type").asText().equals("index_kafka")
          && task.path("status").asText().equals("FAILED")) {
        failed.add(task.path("id").asText() + ": " + task.path("errorMsg").asText());
      }
    }
    return failed;
  }

  /** Lines of the indexer's and historicals' logs, and of every task log, that show the failure. */
  private static List<String> druidLogProblems(Stack stack) throws IOException {
    List<Path> logs = new ArrayList<>();
    for (String component : List.of("druid-indexer", "druid-historical-hot", "druid-historical")) {
      logs.add(stack.layout().log(component));
    }
    Path taskLogs = stack.layout().data("druid").resolve("indexing-logs");
    if (Files.isDirectory(taskLogs)) {
      try (Stream<Path> files = Files.list(taskLogs)) {
        files.forEach(logs::add);
      }
    }
    List<String> problems = new ArrayList<>();
    for (Path log : logs) {
      try (Stream<String> lines = Files.lines(log)) {
        lines
            .filter(
                l ->
                    l.contains("OutOfMemoryError")
                        || l.contains("Failed to push merged index")
                        || l.contains("Cannot reserve"))
            .limit(3)
            .forEach(l -> problems.add(log.getFileName() + ": " + l));
      }
    }
    return problems;
  }
}
