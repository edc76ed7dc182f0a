package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.DruidSql;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deleting a pooled tenant erases its rows from the shared {@code events} datasource while every
 * other tenant's rows, sketches included, stay exactly as they were: the erasure asks the streaming
 * task to hand off, rewrites the day with a filtered compaction, deletes the replaced segment
 * versions from deep storage, and reports done.
 */
@ExtendWith(LocalStackExtension.class)
class PooledErasureIT {
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(90);

  /** Handoff, compaction and loading the result, each of them a Druid task or coordinator run. */
  private static final Duration ERASED_WITHIN = Duration.ofMinutes(5);

  /** What the tenant's rows add up to, through every kind of metric the datasource has. */
  private static final String TOTALS =
      """
      SELECT SUM("count") AS events, SUM(revenue) AS revenue,
        APPROX_COUNT_DISTINCT_DS_HLL(users_hll) AS users_hll,
        APPROX_COUNT_DISTINCT_CPC(users_cpc) AS users_cpc,
        APPROX_QUANTILE_DS(duration_ms_sketch, 0.5) AS median_ms
      FROM events WHERE tenant = ?
      """;

  private final AdminApi admin =
      new AdminApi(
          LocalStackExtension.stack().ports().controlPlaneUrl(),
          LocalStackExtension.operatorToken());

  private IngestClient tenantWithKey(String slug) {
    admin.call("POST", "/v1/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}", 201);
    String key =
        admin
            .call("POST", "/v1/tenants/" + slug + "/keys", "{\"scopes\":[\"ingest\"]}", 201)
            .get("key")
            .asText();
    return new IngestClient(LocalStackExtension.stack().ports().controlPlaneUrl(), key);
  }

  /** Events two days back: their hour is no longer the one Kafka tasks append to by the clock. */
  private static List<String> events(int size, Instant at) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      events.add(
          Events.event(
              "purchase",
              at.plusSeconds(i),
              "erasure",
              Map.of("user_id", "u" + i, "revenue", 1.5 + i, "duration_ms", 10 * i)));
    }
    return events;
  }

  private static Map<String, Object> totals(String slug) {
    List<Map<String, Object>> rows =
        DruidSql.query(LocalStackExtension.stack().ports().brokerUrl(), TOTALS, slug);
    return rows.get(0);
  }

  private static long count(String slug) {
    return DruidSql.sumCount(LocalStackExtension.stack().ports().brokerUrl(), "tenant = ?", slug);
  }

  @Test
  void deletingAPooledTenantErasesItsRowsAndKeepsEveryOtherTenantsRows() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String leaving = "gone-" + suffix;
    String staying = "kept-" + suffix;
    Instant at = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    assertThat(tenantWithKey(leaving).post(events(30, at)).status()).isEqualTo(200);
    assertThat(tenantWithKey(staying).post(events(20, at)).status()).isEqualTo(200);
    Await.until(VISIBLE_WITHIN, () -> count(leaving), n -> n == 30, "30 events of " + leaving);
    Await.until(VISIBLE_WITHIN, () -> count(staying), n -> n == 20, "20 events of " + staying);
    Map<String, Object> before = totals(staying);

    admin.call("DELETE", "/v1/tenants/" + leaving, null, 204);
    JsonNode pending = admin.call("GET", "/v1/tenants/" + leaving, null, 200);
    assertThat(pending.at("/erasure/state").asText()).isEqualTo("pending");

    JsonNode done =
        Await.until(
            ERASED_WITHIN,
            () -> admin.call("GET", "/v1/tenants/" + leaving, null, 200).get("erasure"),
            erasure -> erasure.get("state").asText().equals("done"),
            "the erasure of " + leaving);

    assertThat(done.get("passes").asInt()).isPositive();
    assertThat(done.hasNonNull("completedAt")).isTrue();
    assertThat(count(leaving)).isZero();
    assertThat(totals(staying)).isEqualTo(before);
    assertThat(before.get("events")).isEqualTo(20);
    // The replaced versions, which still held the rows, are gone from deep storage too.
    String day =
        at.truncatedTo(ChronoUnit.DAYS)
            + "/"
            + at.truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
    AdminApi druid = AdminApi.druid(LocalStackExtension.stack().ports().coordinatorUrl());
    JsonNode unused =
        druid.call(
            "GET",
            "/druid/coordinator/v1/metadata/datasources/events/unusedSegments?interval=" + day,
            null,
            200);
    assertThat(unused).isEmpty();
  }
}
