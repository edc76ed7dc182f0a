package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.DruidSql;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The query API on the real stack: {@code /v1/query}, {@code /v1/metrics}, {@code /v1/sql}, custom
 * measures and the schema answer exactly what a tenant sent (sketch measures within their bounds),
 * and never a row, measure or datasource of another tenant's.
 */
@ExtendWith(LocalStackExtension.class)
class QueryApiIT {
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(90);
  private static final int A_EVENTS = 39;
  private static final int B_EVENTS = 11;

  private static String a;
  private static AdminApi asA;
  private static AdminApi asB;

  @BeforeAll
  static void twoTenantsWithKnownEvents() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    a = "query-a-" + run;
    String b = "query-b-" + run;
    String keyA = tenantWithKey(a, null);
    String keyB = tenantWithKey(b, null);
    asA = api(keyA);
    asB = api(keyB);
    Instant now = Instant.now();
    List<String> eventsA = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      eventsA.add(event("page_view", now, i, "DE", "mobile", "/home", null));
    }
    for (int i = 0; i < 10; i++) {
      eventsA.add(event("page_view", now, 20 + i, "FR", "desktop", "/pricing", null));
    }
    for (int i = 0; i < 6; i++) {
      eventsA.add(event("click", now, 30 + i, "DE", "desktop", "/home", null));
    }
    for (int i = 0; i < 3; i++) {
      eventsA.add(event("purchase", now, 36 + i, "FR", "mobile", "/checkout", 10.0));
    }
    List<String> eventsB = new ArrayList<>();
    for (int i = 0; i < B_EVENTS; i++) {
      eventsB.add(event("page_view", now, i, "DE", "mobile", "/home", null));
    }
    send(keyA, eventsA);
    send(keyB, eventsB);
    // Awaited in Druid as the operator: the query API would cache a partial answer of the live
    // tail for its TTL.
    String broker = LocalStackExtension.stack().ports().brokerUrl();
    Await.until(
        VISIBLE_WITHIN,
        () -> DruidSql.sumCount(broker, "tenant = ?", a),
        n -> n == A_EVENTS,
        A_EVENTS + " events of A in Druid");
    Await.until(
        VISIBLE_WITHIN,
        () -> DruidSql.sumCount(broker, "tenant = ?", b),
        n -> n == B_EVENTS,
        B_EVENTS + " events of B in Druid");
  }

  private static final String LAST_HOUR = "\"range\":{\"relative\":\"last 1h\"}";

  /** Event {@code i} of a batch: user u(i mod 15), 100 ms, a second apart before {@code now}. */
  private static String event(
      String type, Instant now, int i, String country, String device, String page, Double revenue) {
    Map<String, Object> extra = new java.util.LinkedHashMap<>();
    extra.put("country", country);
    extra.put("device", device);
    extra.put("page", page);
    extra.put("user_id", "u" + (i % 15));
    extra.put("duration_ms", 100);
    if (revenue != null) {
      extra.put("revenue", revenue);
    }
    return Events.event(type, now.minusSeconds(i + 1), "query", extra);
  }

  private static String tenantWithKey(String slug, String quotas) {
    return AdminApi.operator().tenantWithKey(slug, quotas, "ingest", "query");
  }

  private static AdminApi api(String key) {
    return AdminApi.controlPlane(key);
  }

  private static void send(String key, List<String> events) {
    IngestClient.Response r =
        new IngestClient(LocalStackExtension.stack().ports().controlPlaneUrl(), key).post(events);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private static JsonNode query(AdminApi as, String model) {
    return as.call("POST", "/v1/query", model, 200);
  }

  private static JsonNode totals(AdminApi as, String model) {
    return query(as, model).path("totals").path("values");
  }

  @Test
  void theTotalsAreExactlyWhatTheTenantSentAndEstimatesHoldTheTruth() {
    JsonNode result =
        query(
            asA,
            "{\"measures\":[\"events\",\"page_views\",\"clicks\",\"purchases\",\"revenue\","
                + "\"avg_duration_ms\",\"users\",\"p50_duration_ms\",\"top_pages\"],"
                + LAST_HOUR
                + "}");
    JsonNode values = result.path("totals").path("values");
    JsonNode bounds = result.path("totals").path("bounds");

    assertThat(values.path("events").asLong()).isEqualTo(A_EVENTS);
    assertThat(values.path("page_views").asLong()).isEqualTo(30);
    assertThat(values.path("clicks").asLong()).isEqualTo(6);
    assertThat(values.path("purchases").asLong()).isEqualTo(3);
    assertThat(values.path("revenue").asDouble()).isEqualTo(30.0);
    assertThat(values.path("avg_duration_ms").asDouble()).isEqualTo(100.0);
    assertThat(bounds.path("users").path("lower").asDouble()).isLessThanOrEqualTo(15);
    assertThat(bounds.path("users").path("upper").asDouble()).isGreaterThanOrEqualTo(15);
    assertThat(bounds.path("p50_duration_ms").path("lower").asDouble()).isLessThanOrEqualTo(100);
    assertThat(bounds.path("p50_duration_ms").path("upper").asDouble()).isGreaterThanOrEqualTo(100);
    assertThat(values.path("top_pages").findValuesAsText("item")).contains("/home", "/pricing");
    assertThat(result.path("query").path("measures").size()).isEqualTo(9);
  }

  @Test
  void splitsKeepTheTopValuesAndAnOtherRowAndBucketsAddUp() {
    JsonNode split =
        query(
            asA,
            "{\"measures\":[\"events\"],\"splits\":[{\"dimension\":\"country\",\"limit\":1}],"
                + LAST_HOUR
                + "}");
    JsonNode minutes =
        query(asA, "{\"measures\":[\"events\"],\"granularity\":\"minute\"," + LAST_HOUR + "}");

    assertThat(split.path("rows").findValuesAsText("country")).containsExactly("DE", "(other)");
    assertThat(split.path("rows").path(0).path("values").path("events").asLong()).isEqualTo(26);
    assertThat(split.path("rows").path(1).path("values").path("events").asLong()).isEqualTo(13);
    long sum = 0;
    for (JsonNode row : minutes.path("rows")) {
      sum += row.path("values").path("events").asLong();
      assertThat(row.path("time").asText()).isNotEmpty();
    }
    assertThat(sum).isEqualTo(A_EVENTS);
    assertThat(minutes.path("freshness").path("incomplete")).isNotEmpty();
    // An answer computed during its own request is no age, never a negative one.
    assertThat(minutes.path("freshness").path("cacheAgeMs").asLong()).isGreaterThanOrEqualTo(0);
  }

  /**
   * Issue 32 on the real stack: a range of one shape asked right after another gets its own answer;
   * a time series has every bucket, none dated before the range; a filter Druid 33 cannot plan when
   * nested (a contradiction under a not) is answered, as is one that never holds.
   */
  @Test
  void rangesOfOneShapeBucketsAndFiltersDruidCannotPlan() {
    Instant now = Instant.now();
    String window =
        "{\"measures\":[\"purchases\",\"duration_ms_events\",\"events\"],\"range\":{\"start\":\""
            + now.minus(Duration.ofMinutes(50)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
            + "\",\"end\":\""
            + now.plusSeconds(120).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
            + "\"}}";
    assertThat(query(asA, window).path("totals").path("values").path("events").asLong())
        .isEqualTo(A_EVENTS);
    JsonNode march =
        query(
            asA,
            "{\"measures\":[\"purchases\",\"duration_ms_events\",\"events\"],"
                + "\"range\":{\"start\":\"2029-03-01T00:00:00Z\",\"end\":\"2029-03-08T00:00:00Z\"}}");
    assertThat(march.path("totals").path("values").path("events").asLong()).isZero();
    assertThat(march.path("rows").path(0).path("values").path("events").asLong()).isZero();

    JsonNode minutes =
        query(asA, "{\"measures\":[\"events\"],\"granularity\":\"minute\"," + LAST_HOUR + "}");
    assertThat(minutes.path("rows")).hasSize(60);
    assertThat(minutes.path("rows").path(0).path("time").asText())
        .isEqualTo(minutes.path("query").path("start").asText());

    String jpAndGb =
        "{\"type\":\"and\",\"filters\":[{\"type\":\"equals\",\"dimension\":\"country\",\"value\":\"JP\"},"
            + "{\"type\":\"equals\",\"dimension\":\"country\",\"value\":\"GB\"},"
            + "{\"type\":\"equals\",\"dimension\":\"device\",\"value\":\"mobile\"}]}";
    assertThat(
            totals(
                    asA,
                    "{\"measures\":[\"events\"],\"filter\":{\"type\":\"not\",\"filter\":"
                        + jpAndGb
                        + "},"
                        + LAST_HOUR
                        + "}")
                .path("events")
                .asLong())
        .isEqualTo(A_EVENTS);
    assertThat(
            totals(asA, "{\"measures\":[\"events\"],\"filter\":" + jpAndGb + "," + LAST_HOUR + "}")
                .path("events")
                .asLong())
        .isZero();
  }

  @Test
  void aRangeOrGranularityItCannotReadSaysWhatItWants() {
    String day =
        "{\"measures\":[\"events\"],\"range\":{\"start\":\"2026-12-01\",\"end\":\"2026-12-02T00:00:00Z\"}}";
    JsonNode date = asA.call("POST", "/v1/query", day, 400);
    assertThat(date.path("field").asText()).isEqualTo("range.start");
    assertThat(date.path("error").asText()).contains("such as 2026-12-01T00:00:00Z");

    String nul =
        "{\"measures\":[\"events\"],\"range\":{\"start\":\"\\u00002026-12-01T00:00:00Z\","
            + "\"end\":\"2026-12-02T00:00:00Z\"}}";
    assertThat(asA.call("POST", "/v1/query", nul, 400).path("field").asText())
        .isEqualTo("range.start");

    JsonNode granularity =
        asA.call(
            "POST",
            "/v1/query",
            "{\"measures\":[\"events\"],\"granularity\":\"minutes\"," + LAST_HOUR + "}",
            400);
    assertThat(granularity.path("field").asText()).isEqualTo("granularity");
    assertThat(granularity.path("error").asText()).contains("five_minute");
  }

  @Test
  void theMetricsShorthandAndAComparison() {
    JsonNode metric =
        asA.call(
            "GET",
            "/v1/metrics?name=page_views&range=1h&group_by=country&filter=device:mobile",
            null,
            200);
    JsonNode compared =
        query(
            asA,
            "{\"measures\":[\"events\"],\"compare\":{\"to\":\"previous_period\"},"
                + LAST_HOUR
                + "}");

    assertThat(metric.path("totals").path("values").path("page_views").asLong()).isEqualTo(20);
    long de = 0;
    long others = 0;
    for (JsonNode row : metric.path("rows")) {
      long n = row.path("values").path("page_views").asLong();
      if (row.path("dimensions").path("country").asText().equals("DE")) {
        de += n;
      } else {
        others += n;
      }
      assertThat(row.path("time").asText()).isNotEmpty(); // auto granularity: minutes
    }
    assertThat(de).isEqualTo(20);
    assertThat(others).isZero();
    assertThat(compared.path("totals").path("previous").path("events").asLong()).isZero();
    assertThat(compared.path("totals").path("delta").path("events").asDouble()).isEqualTo(A_EVENTS);
    assertThat(compared.path("query").path("compareEnd").asText())
        .isEqualTo(compared.path("query").path("start").asText());
  }

  @Test
  void adHocSqlReadsOnlyTheTenantsRows() {
    JsonNode own =
        asA.call(
            "POST", "/v1/sql", "{\"query\":\"SELECT SUM(\\\"count\\\") AS n FROM events\"}", 200);
    JsonNode asked =
        asA.call(
            "POST",
            "/v1/sql",
            "{\"query\":\"SELECT SUM(\\\"count\\\") AS n FROM events WHERE tenant <> ? OR 1=1\","
                + "\"parameters\":[{\"type\":\"VARCHAR\",\"value\":\""
                + a
                + "\"}]}",
            200);

    assertThat(own.path("rows").path(0).path("n").asLong()).isEqualTo(A_EVENTS);
    assertThat(asked.path("rows").path(0).path("n").asLong()).isEqualTo(A_EVENTS);
    JsonNode write = asA.call("POST", "/v1/sql", "{\"query\":\"DELETE FROM events\"}", 400);
    assertThat(write.path("field").asText()).isEqualTo("query");
    // Druid does not show a tenant the sys schema (422, Druid refused it) or refuses it (403)
    JsonNode sys =
        asA.callExpecting(
            "POST", "/v1/sql", "{\"query\":\"SELECT * FROM sys.segments\"}", 422, 403);
    assertThat(sys.toString()).doesNotContain("\"rows\"");
  }

  @Test
  void customMeasuresAreTheTenantsOwn() {
    asA.call(
        "POST",
        "/v1/measures",
        "{\"name\":\"mobile_views\",\"aggregate\":\"sum\",\"column\":\"count\",\"filter\":"
            + "{\"type\":\"and\",\"filters\":[{\"type\":\"equals\",\"dimension\":\"device\","
            + "\"value\":\"mobile\"},{\"type\":\"equals\",\"dimension\":\"event\",\"value\":"
            + "\"page_view\"}]}}",
        201);
    asA.call(
        "POST",
        "/v1/measures",
        "{\"name\":\"revenue_per_purchase\",\"ratio\":{\"numerator\":\"revenue\","
            + "\"denominator\":\"purchases\"}}",
        201);

    JsonNode values =
        totals(asA, "{\"measures\":[\"mobile_views\",\"revenue_per_purchase\"]," + LAST_HOUR + "}");

    assertThat(values.path("mobile_views").asLong()).isEqualTo(20);
    assertThat(values.path("revenue_per_purchase").asDouble()).isEqualTo(10.0);
    assertThat(asA.call("GET", "/v1/measures", null, 200).findValuesAsText("name"))
        .contains("events", "users", "mobile_views");
    // B sees nothing of A's measures
    asB.call("GET", "/v1/measures/mobile_views", null, 404);
    assertThat(asB.call("GET", "/v1/measures", null, 200).findValuesAsText("name"))
        .doesNotContain("mobile_views");
    JsonNode unknown =
        asB.call("POST", "/v1/query", "{\"measures\":[\"mobile_views\"]," + LAST_HOUR + "}", 400);
    assertThat(unknown.path("field").asText()).isEqualTo("measures[0]");
    asA.call("DELETE", "/v1/measures/revenue_per_purchase", null, 204);
    asA.call("GET", "/v1/measures/revenue_per_purchase", null, 404);
  }

  @Test
  void craftedFiltersMeasuresAndDatasourcesReachNothingOfAnotherTenant() {
    JsonNode byTenant =
        asA.call(
            "POST",
            "/v1/query",
            "{\"measures\":[\"events\"],\"filter\":{\"type\":\"equals\",\"dimension\":\"tenant\","
                + "\"value\":\"other\"},"
                + LAST_HOUR
                + "}",
            400);
    JsonNode injected =
        asA.call(
            "POST",
            "/v1/query",
            "{\"measures\":[\"events\"],\"filter\":{\"type\":\"equals\",\"dimension\":"
                + "\"country\\\" OR 1=1 --\",\"value\":\"x\"},"
                + LAST_HOUR
                + "}",
            400);
    JsonNode measure =
        asA.call(
            "POST",
            "/v1/measures",
            "{\"name\":\"others\",\"aggregate\":\"sum\",\"column\":\"count\",\"filter\":"
                + "{\"type\":\"equals\",\"dimension\":\"tenant\",\"value\":\"x\"}}",
            400);
    JsonNode value =
        totals(
            asA,
            "{\"measures\":[\"events\"],\"filter\":{\"type\":\"equals\",\"dimension\":\"country\","
                + "\"value\":\"DE' OR '1'='1\"},"
                + LAST_HOUR
                + "}");

    assertThat(byTenant.path("field").asText()).isEqualTo("filter.dimension");
    assertThat(injected.path("field").asText()).isEqualTo("filter.dimension");
    assertThat(measure.path("error").asText()).contains("tenant");
    assertThat(value.path("events").asLong()).isZero();
    asA.call(
        "POST",
        "/v1/query",
        "{\"datasource\":\"web\",\"measures\":[\"events\"]," + LAST_HOUR + "}",
        404);
    asA.call("GET", "/v1/datasources/web/schema", null, 404);
    AdminApi.operator()
        .call("POST", "/v1/query", "{\"measures\":[\"events\"]," + LAST_HOUR + "}", 403);
  }

  @Test
  void theSchemaNamesDimensionsMeasuresAndTheSpanOfTheTenantsData() {
    JsonNode schema = asA.call("GET", "/v1/datasources/events/schema", null, 200);

    List<String> dims = new ArrayList<>();
    schema.path("dimensions").forEach(d -> dims.add(d.asText()));
    assertThat(dims).contains("country", "device", "event").doesNotContain("tenant", "__time");
    assertThat(schema.path("measures").toString()).contains("page_views", "users");
    assertThat(Instant.parse(schema.path("last").asText()))
        .isAfter(Instant.now().minus(Duration.ofHours(1)));
  }

  @Test
  void queriesPerMinuteOverTheQuotaAre429WithRetryAfter() {
    String slug = "query-q-" + UUID.randomUUID().toString().substring(0, 6);
    AdminApi q = api(tenantWithKey(slug, "{\"queriesPerMinute\":2}"));
    String model = "{\"measures\":[\"events\"]," + LAST_HOUR + "}";
    // no data yet: the pooled datasource still answers, with zero
    q.call("POST", "/v1/query", model, 200);
    q.call("POST", "/v1/query", model, 200);

    JsonNode refused = q.call("POST", "/v1/query", model, 429);

    assertThat(refused.path("error").asText()).contains("queriesPerMinute");
    assertThat(refused.path("field").asText()).isEqualTo("quotas.queriesPerMinute");
  }
}
