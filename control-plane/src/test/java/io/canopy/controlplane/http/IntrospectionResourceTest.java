package io.canopy.controlplane.http;

import static io.canopy.controlplane.http.ApiClient.INTERNAL;
import static io.canopy.controlplane.http.ApiClient.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@code POST /internal/v1/keys/introspect}: what Druid may learn of a key, and from whom. */
class IntrospectionResourceTest extends ApiTest {
  private static final String PATH = "/internal/v1/keys/introspect";
  private final ApiClient api = api();

  private static String body(String key) throws Exception {
    String prefix = key.substring(4, 16);
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    return "{\"prefix\":\""
        + prefix
        + "\",\"sha256\":\""
        + Base64.getEncoder().encodeToString(sha)
        + "\"}";
  }

  @Test
  void anActiveKeyNamesItsTenantAndScopes() throws Exception {
    api.createTenant("intro-a");
    String key = api.createKey("intro-a", "query", "ingest");

    ApiClient.Answer answer = api.post(PATH, INTERNAL, body(key));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().get("active").asBoolean()).isTrue();
    assertThat(answer.body().get("tenant").asText()).isEqualTo("intro-a");
    assertThat(answer.body().get("scopes").toString()).isEqualTo("[\"ingest\",\"query\"]");
    assertThat(answer.body().get("dedicatedDatasources").isEmpty()).isTrue();
  }

  @Test
  void anActiveKeyCarriesItsTenantsCompleteQueryQuotas() throws Exception {
    api.createTenant("intro-q");
    String key = api.createKey("intro-q", "query");
    assertThat(api.post(PATH, INTERNAL, body(key)).body().get("queryQuotas").toString())
        .isEqualTo("{\"concurrency\":4,\"perMinute\":120,\"timeoutMs\":30000,\"priority\":0}");

    api.patch(
        "/v1/tenants/intro-q",
        ApiClient.OPERATOR,
        "{\"quotas\":{\"queryConcurrency\":2,\"queryTimeoutMs\":5000,\"queryPriority\":-3}}");

    assertThat(api.post(PATH, INTERNAL, body(key)).body().get("queryQuotas").toString())
        .isEqualTo("{\"concurrency\":2,\"perMinute\":120,\"timeoutMs\":5000,\"priority\":-3}");
  }

  @Test
  void aDedicatedDatasourceIsNamedAsTheTenantOwnsIt() throws Exception {
    api.createTenant("intro-ded");
    String key = api.createKey("intro-ded", "query");
    insertDatasource("intro-ded", "web");

    ApiClient.Answer answer = api.post(PATH, INTERNAL, body(key));

    assertThat(answer.body().get("dedicatedDatasources").toString())
        .isEqualTo("[\"intro-ded_web\"]");
  }

  @Test
  void aRevokedKeyAWrongHashAndASuspendedTenantAreInactiveAndSayNothingMore() throws Exception {
    api.createTenant("intro-b");
    String key = api.createKey("intro-b", "query");
    String other = api.createKey("intro-b", "query");
    String forged = key.substring(0, 17) + other.substring(17);

    assertThat(api.post(PATH, INTERNAL, body(forged)).body().toString())
        .isEqualTo("{\"active\":false}");

    api.post("/v1/tenants/intro-b/suspend", OPERATOR, null);
    assertThat(api.post(PATH, INTERNAL, body(other)).body().toString())
        .isEqualTo("{\"active\":false}");
    api.post("/v1/tenants/intro-b/resume", OPERATOR, null);
    assertThat(api.post(PATH, INTERNAL, body(other)).body().get("active").asBoolean()).isTrue();

    String id = api.get("/v1/tenants/intro-b/keys", OPERATOR).body().at("/items/1/id").asText();
    api.delete("/v1/tenants/intro-b/keys/" + id, OPERATOR);
    assertThat(api.post(PATH, INTERNAL, body(other)).body().toString())
        .isEqualTo("{\"active\":false}");
  }

  @Test
  void onlyTheInternalSecretOpensIt() throws Exception {
    api.createTenant("intro-c");
    String key = api.createKey("intro-c", "query", "admin");

    for (String credential : new String[] {null, OPERATOR, key, INTERNAL + "x", "x"}) {
      ApiClient.Answer answer = api.post(PATH, credential, body(key));
      assertThat(answer.status()).as("%s", credential).isEqualTo(401);
      assertThat(answer.response().getHeaderString("WWW-Authenticate")).startsWith("Bearer");
      assertThat(answer.body().toString()).doesNotContain("intro-c");
    }
  }

  @Test
  void aMalformedQuestionIs400NamingTheField() {
    ApiClient.Answer noPrefix =
        api.post(PATH, INTERNAL, "{\"prefix\":\"short\",\"sha256\":\"AA==\"}");
    ApiClient.Answer badHash =
        api.post(PATH, INTERNAL, "{\"prefix\":\"abcdefABCDEF\",\"sha256\":\"not base64!\"}");

    assertThat(noPrefix.status()).isEqualTo(400);
    assertThat(noPrefix.field()).isEqualTo("prefix");
    assertThat(badHash.status()).isEqualTo(400);
    assertThat(badHash.field()).isEqualTo("sha256");
    assertThat(api.post(PATH, INTERNAL, null).status()).isEqualTo(400);
  }
}
