package io.canopy.controlplane.http;

import static io.canopy.controlplane.http.ApiClient.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /v1/tenants} on the real application and PostgreSQL: every status and refusal. */
class TenantsResourceTest extends ApiTest {
  private final ApiClient api = api();

  @Test
  void createShowsEveryQuotaWithDefaultsFilledIn() {
    ApiClient.Answer created =
        api.post(
            "/v1/tenants",
            OPERATOR,
            "{\"slug\":\"acme\",\"name\":\"Acme\",\"quotas\":{\"ingestEventsPerSecond\":50}}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.response().getLocation().getPath()).isEqualTo("/v1/tenants/acme");
    assertThat(created.body().get("status").asText()).isEqualTo("active");
    assertThat(created.body().at("/quotas/ingestEventsPerSecond").asInt()).isEqualTo(50);
    assertThat(created.body().at("/quotas/ingestBurstEvents").asInt()).isEqualTo(2000);
    assertThat(created.body().at("/quotas/maxBatchEvents").asInt()).isEqualTo(5); // server cap
    assertThat(created.body().at("/quotas/queryTimeoutMs").asInt()).isEqualTo(30_000);
    assertThat(created.body().get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(api.get("/v1/tenants/acme", OPERATOR).body()).isEqualTo(created.body());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad slug         | {\"slug\":\"Acme Corp\",\"name\":\"x\"}           | slug",
        "no slug          | {\"name\":\"x\"}                                  | slug",
        "traversal slug   | {\"slug\":\"../etc\",\"name\":\"x\"}              | slug",
        "no name          | {\"slug\":\"no-name\"}                            | name",
        "quota too high   | {\"slug\":\"q1\",\"name\":\"x\",\"quotas\":{\"maxBatchEvents\":6}} | quotas.maxBatchEvents",
        "quota zero       | {\"slug\":\"q2\",\"name\":\"x\",\"quotas\":{\"ingestEventsPerSecond\":0}} | quotas.ingestEventsPerSecond",
        "burst < batch    | {\"slug\":\"q3\",\"name\":\"x\",\"quotas\":{\"ingestBurstEvents\":2}} | quotas.ingestBurstEvents",
        "quota wrong type | {\"slug\":\"q4\",\"name\":\"x\",\"quotas\":{\"queryPriority\":\"high\"}} | quotas.queryPriority",
        "unknown field    | {\"slug\":\"q5\",\"name\":\"x\",\"spec\":{}}      | spec",
        "unknown quota    | {\"slug\":\"q6\",\"name\":\"x\",\"quotas\":{\"bogus\":1}} | quotas.bogus",
      })
  void badInputIs400NamingTheField(String what, String body, String field) {
    ApiClient.Answer answer = api.post("/v1/tenants", OPERATOR, body);

    assertThat(answer.status()).as(what).isEqualTo(400);
    assertThat(answer.field()).as(what).isEqualTo(field);
    assertThat(answer.error()).as(what).startsWith(field);
  }

  @Test
  void malformedOrMissingBodiesAre400() {
    ApiClient.Answer malformed = api.post("/v1/tenants", OPERATOR, "{\"slug\":");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.error()).startsWith("the body is not valid JSON");

    ApiClient.Answer missing = api.call("POST", "/v1/tenants", OPERATOR, "");
    assertThat(missing.status()).isEqualTo(400);
  }

  @Test
  void aTakenSlugIs409() {
    api.createTenant("taken");

    ApiClient.Answer again =
        api.post("/v1/tenants", OPERATOR, "{\"slug\":\"taken\",\"name\":\"x\"}");

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.field()).isEqualTo("slug");
  }

  @Test
  void listingPagesWithACursorInSlugOrder() {
    for (String slug : List.of("page-c", "page-a", "page-b")) {
      api.createTenant(slug);
    }
    List<String> seen = new ArrayList<>();
    String after = "page";
    while (after != null) {
      ApiClient.Answer page = api.get("/v1/tenants?limit=2&after=" + after, OPERATOR);
      assertThat(page.status()).isEqualTo(200);
      page.body().get("items").forEach(t -> seen.add(t.get("slug").asText()));
      after = page.body().get("next").isNull() ? null : page.body().get("next").asText();
      if (seen.size() > 10) {
        break;
      }
    }

    assertThat(seen).startsWith("page-a", "page-b", "page-c");
    assertThat(api.get("/v1/tenants?limit=0", OPERATOR).field()).isEqualTo("limit");
    assertThat(api.get("/v1/tenants?limit=abc", OPERATOR).status()).isEqualTo(400);
  }

  @Test
  void patchChangesOnlyWhatItNames() {
    api.post(
        "/v1/tenants",
        OPERATOR,
        "{\"slug\":\"patchy\",\"name\":\"Patchy\",\"quotas\":{\"queryConcurrency\":9}}");

    ApiClient.Answer patched =
        api.patch("/v1/tenants/patchy", OPERATOR, "{\"quotas\":{\"queryTimeoutMs\":5000}}");

    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.body().get("name").asText()).isEqualTo("Patchy");
    assertThat(patched.body().at("/quotas/queryConcurrency").asInt()).isEqualTo(9);
    assertThat(patched.body().at("/quotas/queryTimeoutMs").asInt()).isEqualTo(5000);
    assertThat(api.patch("/v1/tenants/patchy", OPERATOR, "{\"slug\":\"other\"}").field())
        .isEqualTo("slug");
    assertThat(api.patch("/v1/tenants/nobody", OPERATOR, "{\"name\":\"x\"}").status())
        .isEqualTo(404);
  }

  @Test
  void suspendRefusesIngestAndResumeAllowsItAgain() {
    api.createTenant("sleepy");
    String key = api.createKey("sleepy", "ingest");
    String event = "[{\"event\":\"x\",\"timestamp\":\"" + java.time.Instant.now() + "\"}]";

    assertThat(api.post("/v1/tenants/sleepy/suspend", OPERATOR, null).body().get("status").asText())
        .isEqualTo("suspended");
    ApiClient.Answer refused = api.post("/v1/events", key, event);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.error()).contains("'sleepy' is suspended");

    assertThat(api.post("/v1/tenants/sleepy/resume", OPERATOR, null).body().get("status").asText())
        .isEqualTo("active");
    // Past every tenant check: Kafka is unreachable in this test, so the publish itself fails.
    assertThat(api.post("/v1/events", key, event).status()).isEqualTo(503);
  }

  @Test
  void deleteRevokesEveryKeyAndLeavesTheSlugReserved() {
    api.createTenant("leaving");
    String key = api.createKey("leaving", "ingest", "admin");

    assertThat(api.delete("/v1/tenants/leaving", OPERATOR).status()).isEqualTo(204);

    assertThat(api.get("/v1/tenants/leaving", key).status()).isEqualTo(401);
    JsonNode deleted = api.get("/v1/tenants/leaving", OPERATOR).body();
    assertThat(deleted.get("status").asText()).isEqualTo("deleted");
    // Its pooled rows are erased in the background; Druid is away in this test, so it waits.
    assertThat(deleted.at("/erasure/state").asText()).isEqualTo("pending");
    assertThat(deleted.at("/erasure/datasource").asText()).isEqualTo("events");
    assertThat(api.post("/v1/tenants/leaving/resume", OPERATOR, null).status()).isEqualTo(409);
    assertThat(api.post("/v1/tenants", OPERATOR, "{\"slug\":\"leaving\",\"name\":\"x\"}").status())
        .isEqualTo(409);
    assertThat(api.delete("/v1/tenants/leaving", OPERATOR).status()).isEqualTo(204);
  }

  @Test
  void aTenantWithALiveDedicatedDatasourceCannotBeDeleted() {
    api.createTenant("owns-ds");
    insertDatasource("owns-ds", "web");

    ApiClient.Answer refused = api.delete("/v1/tenants/owns-ds", OPERATOR);

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.error()).contains("delete it first");
    JsonNode kept = api.get("/v1/tenants/owns-ds", OPERATOR).body();
    assertThat(kept.get("status").asText()).isEqualTo("active");
    assertThat(kept.has("erasure")).isFalse();
  }

  @Test
  void withoutCredentialsItIs401AndWithATenantKeyOperatorActionsAre403() {
    api.createTenant("keyed");
    String admin = api.createKey("keyed", "admin");

    assertThat(api.get("/v1/tenants", null).status()).isEqualTo(401);
    assertThat(api.get("/v1/tenants", "wrong-token").status()).isEqualTo(401);
    assertThat(api.get("/v1/tenants", admin).status()).isEqualTo(403);
    assertThat(api.post("/v1/tenants", admin, "{\"slug\":\"mine\",\"name\":\"x\"}").status())
        .isEqualTo(403);
    assertThat(api.get("/v1/tenants/keyed", admin).status()).isEqualTo(200);
    assertThat(api.post("/v1/tenants/keyed/suspend", admin, null).status()).isEqualTo(403);
    assertThat(api.patch("/v1/tenants/keyed", admin, "{\"name\":\"x\"}").status()).isEqualTo(403);
    assertThat(api.delete("/v1/tenants/keyed", admin).status()).isEqualTo(403);
  }

  @Test
  void everyAdminActionIsAuditedWithWhoWhatAndTheResult() {
    api.createTenant("audited");
    String admin = api.createKey("audited", "admin");
    api.post("/v1/tenants/audited/suspend", admin, null); // refused: operator only
    api.post("/v1/tenants/audited/suspend", OPERATOR, null);

    ApiClient.Answer log = api.get("/v1/audit?tenant=audited", OPERATOR);

    assertThat(log.status()).isEqualTo(200);
    List<String> entries = new ArrayList<>();
    log.body()
        .get("items")
        .forEach(
            e ->
                entries.add(
                    e.get("actor").asText().replaceAll("key \\w+ of", "key of")
                        + " | "
                        + e.get("action").asText()
                        + " | "
                        + e.get("target").asText()
                        + " | "
                        + e.get("status").asInt()));
    assertThat(entries)
        .containsExactly(
            "operator | tenant.suspend | /v1/tenants/audited/suspend | 200",
            "key of audited | tenant.suspend | /v1/tenants/audited/suspend | 403",
            "operator | key.create | /v1/tenants/audited/keys | 201",
            "operator | tenant.create | /v1/tenants | 201");
    assertThat(log.body().toString()).doesNotContain(admin);
    assertThat(api.get("/v1/audit", admin).status()).isEqualTo(403);
    assertThat(api.get("/v1/audit?limit=1", OPERATOR).body().get("next").isNull()).isFalse();
  }
}
