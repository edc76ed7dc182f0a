package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.DruidSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The event spine on the real stack: ingest API → Kafka → Druid → SQL and Avatica JDBC. */
@ExtendWith(LocalStackExtension.class)
class EventSpineIT {
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  private IngestClient client;
  private String broker;
  private String campaign;

  @BeforeEach
  void setUp() {
    client =
        new IngestClient(
            LocalStackExtension.stack().ports().controlPlaneUrl(), LocalStackExtension.apiKey());
    broker = LocalStackExtension.stack().ports().brokerUrl();
    campaign = "it-" + UUID.randomUUID();
  }

  @Test
  void postedEventsAreQueryableWithExactCountsInSqlAndThroughAvaticaJdbc() throws Exception {
    List<String> batch = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < 25; i++) {
      String type = i < 5 ? "page_view" : "click";
      batch.add(Events.event(type, now.minusSeconds(i), campaign, Map.of("user_id", "u" + i)));
    }

    IngestClient.Response r = client.post(batch);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).get("accepted").asInt()).isEqualTo(25);
    Await.until(
        VISIBLE_WITHIN,
        () -> DruidSql.sumCount(broker, "campaign = ?", campaign),
        n -> n == 25,
        "25 events");
    List<Map<String, Object>> byEvent =
        DruidSql.query(
            broker,
            "SELECT event, tenant, SUM(\"count\") AS n FROM events WHERE campaign = ? GROUP BY 1, 2 ORDER BY 1",
            campaign);
    assertThat(byEvent)
        .containsExactly(
            Map.of("event", "click", "tenant", "default", "n", 20),
            Map.of("event", "page_view", "tenant", "default", "n", 5));

    try (Connection c = AvaticaJdbc.connect("operator", LocalStackExtension.operatorToken());
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT SUM(\"count\") FROM events WHERE campaign = ? AND event = ?")) {
      ps.setString(1, campaign);
      ps.setString(2, "click");
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(20);
      }
    }
  }

  @Test
  void eventsWithIdenticalDimensionsInOneMinuteRollUpToOneRow() throws Exception {
    Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(2));
    List<String> batch = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      batch.add(
          Events.event(
              "page_view",
              minute.plusSeconds(i),
              campaign,
              Map.of(
                  "country",
                  "DE",
                  "device",
                  "mobile",
                  "page",
                  "/pricing",
                  "user_id",
                  "u" + i,
                  "revenue",
                  1.5)));
    }

    assertThat(client.post(batch).status()).isEqualTo(200);

    Await.until(
        VISIBLE_WITHIN,
        () -> DruidSql.sumCount(broker, "campaign = ?", campaign),
        n -> n == 50,
        "50 events");
    List<Map<String, Object>> rows =
        DruidSql.query(
            broker,
            "SELECT COUNT(*) AS row_count, SUM(\"count\") AS n, SUM(revenue) AS revenue,"
                + " APPROX_COUNT_DISTINCT_DS_HLL(users_hll) AS users FROM events WHERE campaign = ?",
            campaign);
    assertThat(rows).hasSize(1);
    assertThat(((Number) rows.get(0).get("row_count")).intValue()).isEqualTo(1);
    assertThat(((Number) rows.get(0).get("n")).intValue()).isEqualTo(50);
    assertThat(((Number) rows.get(0).get("revenue")).doubleValue()).isEqualTo(75.0);
    assertThat(((Number) rows.get(0).get("users")).intValue()).isEqualTo(50);
  }

  /**
   * Canopy's sketch metrics in the events template, queried with their SQL functions while the
   * segment is still real-time: 40 events by 20 users on two pages, durations 1 to 40 ms.
   *
   * <p>The user ids reach the sketch as keyed pseudonyms, which differ in every run, so the CPC
   * estimate is exact only when no two of them share a coupon (about 97% of runs at lgK 11; the
   * others read 19). The sketch promises its bounds, so the test holds it to them: the true 20 lies
   * within three standard deviations, and the estimate is within one of it.
   */
  @Test
  void cpcFrequentItemsAndReqSketchesAnswerThroughSql() throws Exception {
    Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(3));
    List<String> batch = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      batch.add(
          Events.event(
              "page_view",
              start.plusSeconds(i),
              campaign,
              Map.of(
                  "page",
                  i < 30 ? "/pricing" : "/docs",
                  "user_id",
                  "u" + (i % 20),
                  "duration_ms",
                  i + 1)));
    }
    assertThat(client.post(batch).status()).isEqualTo(200);

    Await.until(
        VISIBLE_WITHIN,
        () -> DruidSql.sumCount(broker, "campaign = ?", campaign),
        n -> n == 40,
        "40 events");
    List<Map<String, Object>> rows =
        DruidSql.query(
            broker,
            "SELECT CPC_SKETCH_ESTIMATE_WITH_ERROR_BOUNDS(CPC_SKETCH(users_cpc), 3) AS users,"
                + " APPROX_QUANTILE_REQ(duration_ms_req, 0.5) AS p50,"
                + " FREQUENT_ITEMS_TOP_K_ITEMS(FREQUENT_ITEMS_SKETCH(pages_fi), 1) AS top_page"
                + " FROM events WHERE campaign = ?",
            campaign);
    assertThat(rows).hasSize(1);
    // Druid's SQL answers a DOUBLE ARRAY of a post-aggregator as its text, "[estimate,low,high]".
    String users = String.valueOf(rows.get(0).get("users"));
    assertThat(users).startsWith("[").endsWith("]");
    double[] bounds =
        Arrays.stream(users.substring(1, users.length() - 1).split(","))
            .mapToDouble(Double::parseDouble)
            .toArray();
    assertThat(bounds).hasSize(3);
    assertThat(bounds[1]).isLessThanOrEqualTo(20.0);
    assertThat(bounds[2]).isGreaterThanOrEqualTo(20.0);
    assertThat(bounds[0]).isBetween(19.0, 21.0);
    assertThat(((Number) rows.get(0).get("p50")).doubleValue()).isEqualTo(20.0);
    assertThat(String.valueOf(rows.get(0).get("top_page")))
        .contains("/pricing")
        .doesNotContain("/docs");
  }

  @Test
  void everyBadInputGetsItsStatusAndJsonBodyAndARejectedEventNeverReachesDruid() throws Exception {
    IngestClient anonymous =
        new IngestClient(LocalStackExtension.stack().ports().controlPlaneUrl(), null);
    IngestClient unknownKey =
        new IngestClient(
            LocalStackExtension.stack().ports().controlPlaneUrl(),
            "cnp_AAAAAAAAAAAA_" + "B".repeat(40));
    String good = Events.event("click", Instant.now(), campaign, Map.of("page", "/good"));
    String bad =
        Events.event("click", Instant.now(), campaign, Map.of("page", "/bad", "revenue", "lots"));

    assertStatus(anonymous.post(List.of(good)), 401, "error");
    assertStatus(unknownKey.post(List.of(good)), 401, "error");
    assertStatus(client.send("[{\"event\":", "application/json", false), 400, "error");
    assertStatus(client.send("{\"event\":\"x\"}", "application/json", false), 400, "error");
    assertStatus(client.send("[" + good + "]", "text/csv", false), 415, "error");
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      tooMany.add(good);
    }
    assertStatus(client.post(tooMany), 413, "error");
    assertStatus(
        client.send("[\"" + "x".repeat(6 * 1024 * 1024) + "\"]", "application/json", true),
        413,
        "error");
    assertStatus(client.post(List.of(bad)), 422, "rejected");

    IngestClient.Response mixed =
        client.send(good + "\n" + bad + "\n", "application/x-ndjson", true);
    JsonNode body = assertStatus(mixed, 200, "accepted");
    assertThat(body.get("accepted").asInt()).isEqualTo(1);
    assertThat(body.get("rejected").get(0).get("index").asInt()).isEqualTo(1);
    assertThat(body.get("rejected").get(0).get("field").asText()).isEqualTo("revenue");

    Await.until(
        VISIBLE_WITHIN,
        () -> DruidSql.sumCount(broker, "campaign = ?", campaign),
        n -> n == 1,
        "the good event");
    assertThat(DruidSql.sumCount(broker, "campaign = ? AND page = '/bad'", campaign)).isZero();
    assertThat(DruidSql.sumCount(broker, "campaign = ? AND page = '/good'", campaign)).isEqualTo(1);
  }

  private static JsonNode assertStatus(IngestClient.Response r, int status, String field)
      throws Exception {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.has(field)).as(r.body()).isTrue();
    return body;
  }
}
