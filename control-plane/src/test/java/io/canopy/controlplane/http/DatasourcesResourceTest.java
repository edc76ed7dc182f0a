package io.canopy.controlplane.http;

import static io.canopy.controlplane.http.ApiClient.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.canopy.controlplane.datasource.db.ThawDao;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code /v1/tenants/{tenant}/datasources} without Druid or Kafka: every parameter is checked
 * before anything is sent, and an unreachable Kafka leaves nothing half-made. The lifecycle against
 * a real Druid is in the local stack's {@code DedicatedDatasourceIT}.
 */
class DatasourcesResourceTest extends ApiTest {
  private static ApiClient api;

  @BeforeAll
  static void tenant() {
    api = api();
    api.createTenant("ds-tenant");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no name          | {}                                                  | name",
        "bad name         | {\"name\":\"Web App\"}                              | name",
        "traversal name   | {\"name\":\"../events\"}                            | name",
        "unknown preset   | {\"name\":\"web\",\"preset\":\"forever\"}          | preset",
        "dimension not allowed | {\"name\":\"web\",\"dimensions\":[\"plan\",\"user_id\"]} | dimensions[1]",
        "raw Druid JSON   | {\"name\":\"web\",\"spec\":{\"type\":\"index_parallel\"}} | spec",
      })
  void badParametersAre400NamingTheFieldAndNothingIsCreated(
      String what, String body, String field) {
    ApiClient.Answer answer = api.post("/v1/tenants/ds-tenant/datasources", OPERATOR, body);

    assertThat(answer.status()).as(what).isEqualTo(400);
    assertThat(answer.field()).as(what).isEqualTo(field);
    assertThat(api.get("/v1/tenants/ds-tenant/datasources", OPERATOR).body().get("items").size())
        .isZero();
  }

  @Test
  void unreachableKafkaIs503AndLeavesNothingLive() {
    ApiClient.Answer first =
        api.post("/v1/tenants/ds-tenant/datasources", OPERATOR, "{\"name\":\"web\"}");
    ApiClient.Answer again =
        api.post("/v1/tenants/ds-tenant/datasources", OPERATOR, "{\"name\":\"web\"}");

    assertThat(first.status()).isEqualTo(503);
    assertThat(first.body().get("errorId").asText()).isNotEmpty();
    assertThat(first.body().toString()).doesNotContain("127.0.0.1");
    assertThat(again.status()).as("not 409: the failed attempt left nothing live").isEqualTo(503);
    assertThat(api.get("/v1/tenants/ds-tenant/datasources/web", OPERATOR).status()).isEqualTo(404);
  }

  @Test
  void thawParametersAreCheckedAndAFailedThawLeavesNoActiveRule() {
    api.createTenant("thaw-tenant");
    UUID datasource = insertDatasource("thaw-tenant", "web");
    String thaw = "/v1/tenants/thaw-tenant/datasources/web/thaw";
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String monthAgo = today.minusDays(30) + "/" + today.minusDays(29);

    assertThat(api.post(thaw, OPERATOR, "{\"interval\":\"2026-01-01\"}").field())
        .isEqualTo("interval");
    assertThat(
            api.post(thaw, OPERATOR, "{\"interval\":\"" + monthAgo + "\",\"duration\":\"P30D\"}")
                .field())
        .isEqualTo("duration");
    // The standard preset keeps a year in deep storage: older data no longer exists.
    String yearAndMore = today.minusDays(400) + "/" + today.minusDays(399);
    ApiClient.Answer deleted = api.post(thaw, OPERATOR, "{\"interval\":\"" + yearAndMore + "\"}");
    assertThat(deleted.status()).isEqualTo(400);
    assertThat(deleted.field()).isEqualTo("interval");
    assertThat(deleted.error()).contains("keeps 365 days in deep storage");
    ApiClient.Answer unreachable = api.post(thaw, OPERATOR, "{\"interval\":\"" + monthAgo + "\"}");
    assertThat(unreachable.status()).isEqualTo(503);
    assertThat(jdbi().onDemand(ThawDao.class).recent(datasource))
        .isNotEmpty()
        .allSatisfy(t -> assertThat(t.expiredAt()).isNotNull());
  }

  @Test
  void resettingOffsetsIsForTheOperatorOnly() {
    String admin = api.createKey("ds-tenant", "admin");

    ApiClient.Answer answer = api.post("/v1/tenants/ds-tenant/datasources/web/reset", admin, null);

    assertThat(answer.status()).isEqualTo(403);
    assertThat(api.post("/v1/tenants/ds-tenant/datasources/nope/reset", OPERATOR, null).status())
        .isEqualTo(404);
  }
}
