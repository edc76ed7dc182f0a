package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.DruidSql;
import io.canopy.stack.druid.Supervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The query API's cache on the real stack: concurrent identical requests share one Druid query, as
 * Druid's own request log counts them.
 */
@ExtendWith(LocalStackExtension.class)
class QueryCacheIT {
  private static final Pattern QUERY_ID = Pattern.compile("\"sqlQueryId\":\"(canopy-[^\"]+)\"");

  /** The distinct Canopy query ids in the broker's request log on lines naming {@code slug}. */
  private static Set<String> druidQueriesOf(String slug) throws IOException {
    Path dir = LocalStackExtension.stack().layout().logs().resolve("druid-requests");
    Set<String> ids = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        for (String line : Files.readAllLines(f)) {
          if (line.contains(slug)) {
            Matcher m = QUERY_ID.matcher(line);
            while (m.find()) {
              ids.add(m.group(1));
            }
          }
        }
      }
    }
    return ids;
  }

  private static final DateTimeFormatter SEGMENT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Hours of [start, end) that Druid serves from handed-off segments only. */
  private static int settledHours(Instant start, Instant end) {
    List<Map<String, Object>> hours =
        DruidSql.query(
            LocalStackExtension.stack().ports().brokerUrl(),
            "SELECT \"start\", MAX(is_realtime) AS rt, MIN(is_available) AS av FROM sys.segments"
                + " WHERE datasource = 'events' AND \"start\" >= ? AND \"end\" <= ? GROUP BY 1",
            SEGMENT_TIME.format(start),
            SEGMENT_TIME.format(end));
    int settled = 0;
    for (Map<String, Object> h : hours) {
      if (((Number) h.get("rt")).intValue() == 0 && ((Number) h.get("av")).intValue() == 1) {
        settled++;
      }
    }
    return settled;
  }

  private static long cacheHits() {
    JsonNode metrics =
        new AdminApi(
                "http://127.0.0.1:" + LocalStackExtension.stack().ports().controlPlaneAdmin(), null)
            .call("GET", "/metrics", null, 200);
    return metrics.path("counters").path("canopy.query.cache.hits").path("count").asLong();
  }

  @Test
  void anAnswerOverHandedOffHoursIsCachedUntilALateEventChangesTheirSegments() throws Exception {
    String slug = "late-" + UUID.randomUUID().toString().substring(0, 6);
    // polled every 200 ms below: more than the default 120 queries a minute
    String key =
        AdminApi.operator().tenantWithKey(slug, "{\"queriesPerMinute\":100000}", "ingest", "query");
    IngestClient client =
        new IngestClient(LocalStackExtension.stack().ports().controlPlaneUrl(), key);
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    Instant start = hour.minus(3, ChronoUnit.HOURS);
    Instant end = hour.minus(1, ChronoUnit.HOURS);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      events.add(Events.event("click", start.plus(i * 6L, ChronoUnit.MINUTES), "late"));
    }
    assertThat(client.post(events).status()).isEqualTo(200);
    String broker = LocalStackExtension.stack().ports().brokerUrl();
    Await.until(
        Duration.ofSeconds(90),
        () -> DruidSql.sumCount(broker, "tenant = ?", slug),
        n -> n == 20,
        "20 events in Druid");
    Supervisor.events(LocalStackExtension.stack().ports()).handoff(0);
    Await.until(
        Duration.ofMinutes(5),
        () -> settledHours(start, end),
        n -> n == 2,
        "both hours handed off and served from published segments");
    AdminApi api = AdminApi.controlPlane(key);
    String model =
        "{\"measures\":[\"events\"],\"granularity\":\"hour\",\"range\":{\"start\":\""
            + start
            + "\",\"end\":\""
            + end
            + "\"}}";
    // A live answer is recomputed after 60 s ± 10 %; one over settled hours is kept until their
    // segments change, so it grows older than any live one can.
    JsonNode settled =
        Await.until(
            // the first answer may still be live (the line is reread every 5 s): TTL + 70 s + slack
            Duration.ofSeconds(150),
            () -> api.call("POST", "/v1/query", model, 200),
            answer -> answer.path("freshness").path("cacheAgeMs").asLong() > 70_000,
            "an answer over the handed-off hours older than the live TTL");
    assertThat(settled.path("totals").path("values").path("events").asLong()).isEqualTo(20);
    assertThat(cacheHits()).isPositive();

    // A late event into the first hour: a real-time segment there moves the handoff line back.
    assertThat(client.post(List.of(Events.event("click", start.plusSeconds(30), "late"))).status())
        .isEqualTo(200);
    Await.until(
        Duration.ofSeconds(90),
        () -> DruidSql.sumCount(broker, "tenant = ?", slug),
        n -> n == 21,
        "the late event in Druid");
    JsonNode changed =
        Await.until(
            Duration.ofSeconds(30),
            () -> api.call("POST", "/v1/query", model, 200),
            answer -> answer.path("totals").path("values").path("events").asLong() == 21,
            "the next answer with the late event");
    assertThat(changed.path("rows").path(0).path("values").path("events").asLong()).isEqualTo(11);
  }

  @Test
  void twoHundredConcurrentIdenticalRequestsMakeOneDruidQuery() throws Exception {
    String slug = "cache-" + UUID.randomUUID().toString().substring(0, 6);
    String key =
        AdminApi.operator().tenantWithKey(slug, "{\"queriesPerMinute\":100000}", "ingest", "query");
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      events.add(Events.event("page_view", Instant.now().minusSeconds(i), "cache"));
    }
    IngestClient.Response sent =
        new IngestClient(LocalStackExtension.stack().ports().controlPlaneUrl(), key).post(events);
    assertThat(sent.status()).isEqualTo(200);
    Await.until(
        Duration.ofSeconds(90),
        () ->
            DruidSql.sumCount(LocalStackExtension.stack().ports().brokerUrl(), "tenant = ?", slug),
        n -> n == 25,
        "25 events in Druid");
    AdminApi api = AdminApi.controlPlane(key);
    // One query shape: totals of a sum over a range shorter than an hour, so one Druid query.
    String model =
        "{\"measures\":[\"page_views\"],\"range\":{\"relative\":\"last 30m\"},"
            + "\"granularity\":\"all\"}";

    ExecutorService pool = Executors.newFixedThreadPool(200);
    List<Future<JsonNode>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      answers.add(pool.submit(() -> api.call("POST", "/v1/query", model, 200)));
    }
    for (Future<JsonNode> answer : answers) {
      assertThat(answer.get().path("totals").path("values").path("page_views").asLong())
          .isEqualTo(25);
    }
    pool.shutdown();

    Set<String> ids = druidQueriesOf(slug);
    // the column lookup of the tenant's first request is one more Druid query, not a result
    assertThat(ids.stream().filter(id -> !id.startsWith("canopy-columns-")).toList()).hasSize(1);
  }
}
