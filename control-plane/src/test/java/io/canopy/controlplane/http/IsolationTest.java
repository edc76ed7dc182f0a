package io.canopy.controlplane.http;

import static io.canopy.controlplane.http.ApiClient.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tenant isolation across every tenant endpoint: with tenant A's key (every scope), each of B's
 * resources answers 404 exactly as a tenant that does not exist would, and nothing of B's changes.
 */
class IsolationTest extends ApiTest {
  private static ApiClient api;
  private static String keyOfA;
  private static String keyOfB;
  private static String keyIdOfB;

  @BeforeAll
  static void twoTenants() {
    api = api();
    api.createTenant("iso-a");
    api.createTenant("iso-b");
    keyOfA = api.createKey("iso-a", "ingest", "query", "admin");
    keyOfB = api.createKey("iso-b", "admin");
    keyIdOfB = api.get("/v1/tenants/iso-b/keys", OPERATOR).body().at("/items/0/id").asText();
  }

  static Stream<Arguments> endpointsOfATenant() {
    return Stream.of(
        Arguments.of("GET", "", null),
        Arguments.of("PATCH", "", "{\"name\":\"taken over\"}"),
        Arguments.of("DELETE", "", null),
        Arguments.of("POST", "/suspend", null),
        Arguments.of("POST", "/resume", null),
        Arguments.of("GET", "/keys", null),
        Arguments.of("POST", "/keys", "{\"name\":\"backdoor\",\"scopes\":[\"admin\"]}"),
        Arguments.of("DELETE", "/keys/{keyOfB}", null),
        Arguments.of("GET", "/datasources", null),
        Arguments.of("POST", "/datasources", "{\"name\":\"stolen\"}"),
        Arguments.of("GET", "/datasources/web", null),
        Arguments.of("POST", "/datasources/web/suspend", null),
        Arguments.of("POST", "/datasources/web/resume", null),
        Arguments.of("POST", "/datasources/web/reset", null),
        Arguments.of("DELETE", "/datasources/web", null));
  }

  @ParameterizedTest(name = "{0} /v1/tenants/iso-b{1}")
  @MethodSource("endpointsOfATenant")
  void anotherTenantsResourcesAre404LikeOnesThatDoNotExist(
      String method, String path, String body) {
    String suffix = path.replace("{keyOfB}", keyIdOfB);

    ApiClient.Answer ofB = api.call(method, "/v1/tenants/iso-b" + suffix, keyOfA, body);
    ApiClient.Answer ofNobody = api.call(method, "/v1/tenants/iso-zzz" + suffix, keyOfA, body);

    assertThat(ofB.status()).isEqualTo(404);
    assertThat(ofB.error().replace("iso-b", "X"))
        .isEqualTo(ofNobody.error().replace("iso-zzz", "X"));
    assertThat(ofNobody.status()).isEqualTo(404);
  }

  @Test
  void nothingOfTheOtherTenantChanged() {
    endpointsOfATenant()
        .forEach(
            a -> {
              Object[] args = a.get();
              String path = ((String) args[1]).replace("{keyOfB}", keyIdOfB);
              api.call((String) args[0], "/v1/tenants/iso-b" + path, keyOfA, (String) args[2]);
            });

    ApiClient.Answer b = api.get("/v1/tenants/iso-b", OPERATOR);
    assertThat(b.body().get("name").asText()).isEqualTo("iso-b Inc.");
    assertThat(b.body().get("status").asText()).isEqualTo("active");
    ApiClient.Answer keys = api.get("/v1/tenants/iso-b/keys", OPERATOR);
    assertThat(keys.body().get("items").size()).isEqualTo(1);
    assertThat(keys.body().at("/items/0/revokedAt").isNull()).isTrue();
    assertThat(api.get("/v1/tenants/iso-b", keyOfB).status()).isEqualTo(200);
  }

  @Test
  void aKeyWithoutTheNeededScopeIs403OnlyOnItsOwnTenant() {
    String ingestOnly = api.createKey("iso-a", "ingest");

    assertThat(api.get("/v1/tenants/iso-a/keys", ingestOnly).status()).isEqualTo(403);
    assertThat(api.get("/v1/tenants/iso-b/keys", ingestOnly).status()).isEqualTo(404);
  }
}
