package io.canopy.controlplane.http;

import static io.canopy.controlplane.http.ApiClient.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A dependency that is away is a 503 with {@code Retry-After} and a JSON body naming it, never a
 * 500: Kafka and Druid are unreachable in this test's configuration, and PostgreSQL is stopped
 * half-way through (the tests run in order, the last without it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnavailableDependenciesTest extends ApiTest {
  private static String key;

  @Test
  @Order(1)
  void kafkaAwayIs503NamingKafkaAndAResendWithTheSameKeyIsHandledAnew() throws Exception {
    ApiClient api = api();
    api.createTenant("deps-co");
    key = api.createKey("deps-co", "ingest");

    for (int attempt = 0; attempt < 2; attempt++) {
      HttpResponse<String> r = postEvents(key, "batch-1");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).contains("5");
      assertThat(r.body())
          .contains("\"dependency\":\"kafka\"")
          .contains("\"accepted\":0")
          .contains("nothing of this batch was stored");
    }
  }

  @Test
  @Order(2)
  void druidAwayIs503NamingDruid() {
    ApiClient api = api();
    api.createTenant("thaw-co");
    insertDatasource("thaw-co", "web");
    String interval = Instant.now().minusSeconds(86_400 * 30).toString().substring(0, 10);
    String next = Instant.now().minusSeconds(86_400 * 29).toString().substring(0, 10);

    ApiClient.Answer thaw =
        api.post(
            "/v1/tenants/thaw-co/datasources/web/thaw",
            OPERATOR,
            "{\"interval\":\"" + interval + "/" + next + "\"}");

    assertThat(thaw.status()).isEqualTo(503);
    assertThat(thaw.response().getHeaderString("Retry-After")).isEqualTo("5");
    assertThat(thaw.body().get("dependency").asText()).isEqualTo("druid");
    assertThat(thaw.body().get("errorId").asText()).isNotEmpty();
  }

  @Test
  @Order(3)
  void postgresAwayIs503NamingPostgresOnEveryKindOfRequest() throws Exception {
    POSTGRES.pg().stop();
    ApiClient api = api();

    for (ApiClient.Answer answer :
        new ApiClient.Answer[] {
          api.get("/v1/tenants", OPERATOR),
          api.get("/v1/audit?tenant=deps-co", OPERATOR),
          api.post("/v1/tenants", OPERATOR, "{\"slug\":\"late-co\",\"name\":\"Late\"}"),
          api.get("/v1/tenants/deps-co/keys", key)
        }) {
      assertThat(answer.status()).as("%s", answer.body()).isEqualTo(503);
      assertThat(answer.response().getHeaderString("Retry-After")).isEqualTo("5");
      assertThat(answer.body().get("dependency").asText()).isEqualTo("postgresql");
      assertThat(answer.body().toString())
          .doesNotContain("SELECT")
          .doesNotContain("INSERT")
          .doesNotContain("Exception")
          .doesNotContain("org.");
    }
    HttpResponse<String> events = postEvents(key, null);
    assertThat(events.statusCode()).as(events.body()).isEqualTo(503);
    assertThat(events.body()).contains("\"dependency\":\"postgresql\"");
  }

  private static HttpResponse<String> postEvents(String apiKey, String idempotencyKey)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getLocalPort() + "/v1/events"))
            .header("Authorization", "Bearer " + apiKey)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "[{\"event\":\"click\",\"timestamp\":\"" + Instant.now() + "\"}]"));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
