package io.canopy.controlplane.http;

import static io.canopy.controlplane.http.ApiClient.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.controlplane.Eventually;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code /v1/tenants/{tenant}/keys}: shown once, listed without secrets, revoked at once. */
class KeysResourceTest extends ApiTest {
  private final ApiClient api = api();

  @Test
  void theKeyIsShownOnceAndListedOnlyByPrefixAndMetadata() {
    api.createTenant("shown-once");

    ApiClient.Answer created =
        api.post(
            "/v1/tenants/shown-once/keys",
            OPERATOR,
            "{\"name\":\"etl\",\"scopes\":[\"ingest\",\"query\"]}");

    assertThat(created.status()).isEqualTo(201);
    String key = created.body().get("key").asText();
    assertThat(key).matches("cnp_[0-9A-Za-z]{12}_[0-9A-Za-z]{40}");
    assertThat(created.body().get("scopes").toString()).isEqualTo("[\"ingest\",\"query\"]");

    ApiClient.Answer list = api.get("/v1/tenants/shown-once/keys", OPERATOR);
    assertThat(list.status()).isEqualTo(200);
    JsonNode listed = list.body().get("items").get(0);
    assertThat(listed.get("prefix").asText()).isEqualTo(created.body().get("prefix").asText());
    assertThat(listed.get("name").asText()).isEqualTo("etl");
    assertThat(listed.get("revokedAt").isNull()).isTrue();
    assertThat(list.body().toString())
        .doesNotContain(key.substring(17))
        .doesNotContain("secret")
        .doesNotContain("Hash");
  }

  @Test
  void aRevokedKeyStopsWorkingAtOnce() {
    api.createTenant("revoking");
    String admin = api.createKey("revoking", "admin");
    String id =
        api.get("/v1/tenants/revoking/keys", OPERATOR)
            .body()
            .get("items")
            .get(0)
            .get("id")
            .asText();
    assertThat(api.get("/v1/tenants/revoking", admin).status()).isEqualTo(200);

    assertThat(api.delete("/v1/tenants/revoking/keys/" + id, OPERATOR).status()).isEqualTo(204);

    assertThat(api.get("/v1/tenants/revoking", admin).status()).isEqualTo(401);
    assertThat(
            api.get("/v1/tenants/revoking/keys", OPERATOR).body().at("/items/0/revokedAt").asText())
        .isNotEmpty();
    assertThat(api.delete("/v1/tenants/revoking/keys/" + id, OPERATOR).status()).isEqualTo(204);
    assertThat(api.delete("/v1/tenants/revoking/keys/" + UUID.randomUUID(), OPERATOR).status())
        .isEqualTo(404);
    assertThat(api.delete("/v1/tenants/revoking/keys/not-a-uuid", OPERATOR).status())
        .isEqualTo(404);
  }

  @Test
  void aKeyRevokedByAnotherInstanceStopsWorkingAsSoonAsPostgresSaysSo() {
    api.createTenant("revoked-elsewhere");
    String admin = api.createKey("revoked-elsewhere", "admin");
    assertThat(api.get("/v1/tenants/revoked-elsewhere", admin).status()).isEqualTo(200);
    assertThat(api.get("/v1/tenants/revoked-elsewhere", admin).status()).isEqualTo(200);

    // What another control-plane instance's revocation looks like to this one: a committed row.
    jdbi()
        .useHandle(
            h ->
                h.execute(
                    "UPDATE api_keys SET revoked_at = now() WHERE prefix = ?",
                    admin.substring(4, 16)));

    Eventually.until(
        "the key revoked elsewhere is refused here",
        Duration.ofSeconds(10),
        () -> api.get("/v1/tenants/revoked-elsewhere", admin).status() == 401);
  }

  @Test
  void anAdminKeyManagesItsOwnTenantsKeys() {
    api.createTenant("self-serve");
    String admin = api.createKey("self-serve", "admin");

    ApiClient.Answer created =
        api.post("/v1/tenants/self-serve/keys", admin, "{\"scopes\":[\"ingest\"]}");

    assertThat(created.status()).isEqualTo(201);
    assertThat(api.get("/v1/tenants/self-serve/keys", admin).body().get("items").size())
        .isEqualTo(2);
  }

  @Test
  void badScopesAndNamesAre400NamingTheField() {
    api.createTenant("picky");
    String path = "/v1/tenants/picky/keys";

    assertThat(api.post(path, OPERATOR, "{\"scopes\":[]}").field()).isEqualTo("scopes");
    assertThat(api.post(path, OPERATOR, "{\"name\":\"x\"}").field()).isEqualTo("scopes");
    assertThat(api.post(path, OPERATOR, "{\"scopes\":[\"ingest\",\"root\"]}").field())
        .isEqualTo("scopes[1]");
    assertThat(api.post(path, OPERATOR, "{\"scopes\":\"ingest\"}").status()).isEqualTo(400);
    ApiClient.Answer longName =
        api.post(path, OPERATOR, "{\"name\":\"" + "n".repeat(101) + "\",\"scopes\":[\"query\"]}");
    assertThat(longName.status()).isEqualTo(400);
    assertThat(longName.field()).isEqualTo("name");
  }

  @Test
  void aKeyWithoutTheAdminScopeIs403OnItsOwnTenant() {
    api.createTenant("ingest-only");
    String ingest = api.createKey("ingest-only", "ingest");

    ApiClient.Answer answer = api.get("/v1/tenants/ingest-only/keys", ingest);

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.error()).contains("no 'admin' scope");
  }
}
