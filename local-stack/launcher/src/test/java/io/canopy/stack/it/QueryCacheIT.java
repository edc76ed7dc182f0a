package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.BatchTask;
import io.canopy.stack.druid.DruidSql;
import io.canopy.stack.druid.Supervisor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The query API's cache on the real stack: concurrent identical requests share one Druid query, as
 * Druid's own request log counts them; an answer over handed-off hours is kept until their segments
 * change, and a late event or a compaction there changes the next answer; the minute a relative
 * range moves, its answer of the minute before serves while Druid computes the new one.
 */
@ExtendWith(LocalStackExtension.class)
class QueryCacheIT {
  private static final DateTimeFormatter SEGMENT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Hours of [start, end) that Druid serves from handed-off segments only. */
  static int settledHours(Instant start, Instant end) {
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

  /**
   * Sends the tenant 20 clicks, one every 6 minutes from {@code start}, and waits until Druid
   * serves the two hours {@code [start, end)} from published segments only; returns the client.
   */
  private static IngestClient twentySettledClicks(
      String key, String slug, Instant start, Instant end, String campaign) throws Exception {
    IngestClient client =
        new IngestClient(LocalStackExtension.stack().ports().controlPlaneUrl(), key);
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      events.add(Events.event("click", start.plus(i * 6L, ChronoUnit.MINUTES), campaign));
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
    return client;
  }

  /** A query model of {@code events} by {@code granularity} over {@code [start, end)}. */
  private static String eventsBy(String granularity, Instant start, Instant end) {
    return "{\"measures\":[\"events\"],\"granularity\":\""
        + granularity
        + "\",\"range\":{\"start\":\""
        + start
        + "\",\"end\":\""
        + end
        + "\"}}";
  }

  /** Sends the tenant {@code n} page views, a second apart before now, and waits for Druid. */
  private static void pageViewsOfTheLastMinute(String key, String slug, int n, String campaign)
      throws Exception {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(Events.event("page_view", Instant.now().minusSeconds(i), campaign));
    }
    IngestClient.Response sent =
        new IngestClient(LocalStackExtension.stack().ports().controlPlaneUrl(), key).post(events);
    assertThat(sent.status()).isEqualTo(200);
    Await.until(
        Duration.ofSeconds(90),
        () ->
            DruidSql.sumCount(LocalStackExtension.stack().ports().brokerUrl(), "tenant = ?", slug),
        count -> count == n,
        n + " events in Druid");
  }

  /** A {@code canopy.query.cache.*} counter on the admin port. */
  private static long cacheCounter(String name) {
    JsonNode metrics =
        new AdminApi(
                "http://127.0.0.1:" + LocalStackExtension.stack().ports().controlPlaneAdmin(),
                LocalStackExtension.operatorToken())
            .call("GET", "/metrics", null, 200);
    return metrics.path("counters").path("canopy.query.cache." + name).path("count").asLong();
  }

  @Test
  void anAnswerOverHandedOffHoursIsCachedUntilALateEventChangesTheirSegments() throws Exception {
    String slug = "late-" + UUID.randomUUID().toString().substring(0, 6);
    // polled every 200 ms below: more than the default 120 queries a minute
    String key =
        AdminApi.operator().tenantWithKey(slug, "{\"queriesPerMinute\":100000}", "ingest", "query");
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS);
    Instant start = hour.minus(3, ChronoUnit.HOURS);
    Instant end = hour.minus(1, ChronoUnit.HOURS);
    IngestClient client = twentySettledClicks(key, slug, start, end, "late");
    String broker = LocalStackExtension.stack().ports().brokerUrl();
    AdminApi api = AdminApi.controlPlane(key);
    String model = eventsBy("hour", start, end);
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
    // Asked again, the same answer (its computedAt) from the cache: each request finds its rows
    // there, and the process-wide counter grows by at least this test's own hits.
    long hitsBefore = cacheCounter("hits");
    for (int i = 0; i < 5; i++) {
      assertThat(api.call("POST", "/v1/query", model, 200).path("freshness").path("computedAt"))
          .isEqualTo(settled.path("freshness").path("computedAt"));
    }
    assertThat(cacheCounter("hits") - hitsBefore)
        .as("cache hits of 5 repeated requests")
        .isGreaterThanOrEqualTo(5);

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
    pageViewsOfTheLastMinute(key, slug, 25, "cache");
    AdminApi api = AdminApi.controlPlane(key);
    // One query shape: totals of a sum over a range shorter than an hour, so one Druid query.
    // The 30 minutes "last 30m" means now, held still: a relative range moves at the minute, and
    // a burst that straddled it asked two questions (two Druid queries, rightly).
    Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    String model =
        "{\"measures\":[\"page_views\"],\"range\":{\"start\":\""
            + end.minus(Duration.ofMinutes(30))
            + "\",\"end\":\""
            + end
            + "\"},\"granularity\":\"all\"}";

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

    Set<String> ids = DruidRequestLog.queryIdsOf(slug);
    // Besides the answer, the tenant's first request looks up its columns and its watermark
    // (freshness.dataThrough: its newest event, in the real-time segments): per tenant, not per
    // request, and each shared by all 200 as well.
    assertThat(
            ids.stream()
                .filter(id -> !id.startsWith("canopy-columns-"))
                .filter(id -> !id.startsWith("canopy-watermark-"))
                .toList())
        .hasSize(1);
    assertThat(ids.stream().filter(id -> id.startsWith("canopy-watermark-")).toList()).hasSize(1);
  }

  @Test
  void theMinuteARangeMovesTheAnswerOfTheMinuteBeforeServesWhileDruidComputesTheNewOne()
      throws Exception {
    String slug = "moving-" + UUID.randomUUID().toString().substring(0, 6);
    String key =
        AdminApi.operator().tenantWithKey(slug, "{\"queriesPerMinute\":100000}", "ingest", "query");
    pageViewsOfTheLastMinute(key, slug, 10, "moving");
    AdminApi api = AdminApi.controlPlane(key);
    // Distinct users: the totals are one query over the whole range, asked anew when it moves.
    String model =
        "{\"measures\":[\"events\",\"users\"],\"range\":{\"relative\":\"last 30m\"},"
            + "\"granularity\":\"all\"}";
    JsonNode first = api.call("POST", "/v1/query", model, 200);
    Instant end = Instant.parse(first.path("query").path("end").asText());
    long staleBefore = cacheCounter("stale");

    // The range ends at the next whole minute; from then on "last 30m" is a minute later.
    Await.until(Duration.ofSeconds(65), Instant::now, now -> !now.isBefore(end), "the next minute");
    JsonNode moved = api.call("POST", "/v1/query", model, 200);

    // An answer of a moment ago states the range it covers: the minute before's
    // (docs/query-api.md#caching-and-freshness).
    assertThat(moved.path("query").path("end").asText()).isEqualTo(end.toString());
    assertThat(moved.path("freshness").path("computedAt").asText())
        .as("the answer of the minute before")
        .isEqualTo(first.path("freshness").path("computedAt").asText());
    assertThat(moved.path("totals").path("values").path("events").asLong()).isEqualTo(10);
    assertThat(cacheCounter("stale")).isGreaterThan(staleBefore);
    JsonNode own =
        Await.until(
            Duration.ofSeconds(30),
            () -> api.call("POST", "/v1/query", model, 200),
            answer ->
                Instant.parse(answer.path("freshness").path("computedAt").asText()).isAfter(end),
            "the moved range's own answer, computed after the minute began");
    assertThat(own.path("totals").path("values").path("events").asLong()).isEqualTo(10);
    assertThat(Instant.parse(own.path("query").path("end").asText())).isAfter(end);
  }

  @Test
  void aCompactionOfCachedHoursChangesTheNextAnswer() throws Exception {
    String slug = "compact-" + UUID.randomUUID().toString().substring(0, 6);
    String key =
        AdminApi.operator().tenantWithKey(slug, "{\"queriesPerMinute\":100000}", "ingest", "query");
    // Yesterday's hours, which no other test writes to: compacting them changes no one else's.
    Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(30, ChronoUnit.HOURS);
    Instant end = start.plus(2, ChronoUnit.HOURS);
    twentySettledClicks(key, slug, start, end, "compact");
    AdminApi api = AdminApi.controlPlane(key);
    String model = eventsBy("minute", start, end);
    // Per minute: the 20 minutes with an event. Asked until one answer is the cached one of the
    // request before (the handoff line is reread every 5 s, so the first may still be live).
    String[] computedAt = {""};
    JsonNode cached =
        Await.until(
            Duration.ofSeconds(30),
            () -> api.call("POST", "/v1/query", model, 200),
            answer -> {
              String at = answer.path("freshness").path("computedAt").asText();
              boolean same = at.equals(computedAt[0]);
              computedAt[0] = at;
              return same;
            },
            "an answer from the cache");
    assertThat(minutesWithEvents(cached)).hasSize(20);

    // Druid's compaction of those hours (as the events template's auto-compaction does after
    // 7 days): hourly rows, in segments of a new version.
    JsonNode compact =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                "{\"type\":\"compact\",\"id\":\"canopy-it-compact-"
                    + slug
                    + "\",\"dataSource\":\"events\",\"ioConfig\":{\"type\":\"compact\","
                    + "\"inputSpec\":{\"type\":\"interval\",\"interval\":\""
                    + start
                    + "/"
                    + end
                    + "\"}},\"granularitySpec\":{\"segmentGranularity\":\"HOUR\","
                    + "\"queryGranularity\":\"HOUR\",\"rollup\":true}}");
    BatchTask.submit(LocalStackExtension.stack().ports(), compact)
        .awaitSuccess(Duration.ofMinutes(5), Duration.ofMinutes(1), d -> {});

    JsonNode changed =
        Await.until(
            Duration.ofSeconds(60),
            () -> api.call("POST", "/v1/query", model, 200),
            answer -> minutesWithEvents(answer).size() == 2,
            "the next answers over the compacted hours: one row an hour");
    assertThat(minutesWithEvents(changed))
        .containsExactly(start.toString(), end.minus(1, ChronoUnit.HOURS).toString());
    assertThat(changed.path("totals").path("values").path("events").asLong()).isEqualTo(20);
  }

  /** The buckets of an answer that hold events. */
  private static List<String> minutesWithEvents(JsonNode answer) {
    List<String> times = new ArrayList<>();
    for (JsonNode row : answer.path("rows")) {
      if (row.path("values").path("events").asLong() > 0) {
        times.add(row.path("time").asText());
      }
    }
    return times;
  }
}
