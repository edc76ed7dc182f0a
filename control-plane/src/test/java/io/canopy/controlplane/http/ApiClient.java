package io.canopy.controlplane.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.canopy.controlplane.CanopyApplication;
import io.canopy.controlplane.PostgresExtension;
import io.canopy.controlplane.config.CanopyConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.HttpUrlConnectorProvider;

/**
 * The control plane under test (real PostgreSQL, Kafka and Druid unreachable) with an operator
 * token, and a client for its API that returns status and JSON body together.
 */
final class ApiClient {
  static final String OPERATOR = "operator-token-for-tests-0123456789abcdef";
  static final String INTERNAL = "internal-secret-for-tests-0123456789abcdef";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A status and the parsed JSON body (null when there is none). */
  record Answer(int status, JsonNode body, Response response) {
    String error() {
      return body.path("error").asText();
    }

    String field() {
      return body.path("field").asText(null);
    }
  }

  private final DropwizardAppExtension<CanopyConfiguration> app;

  ApiClient(DropwizardAppExtension<CanopyConfiguration> app) {
    this.app = app;
  }

  static DropwizardAppExtension<CanopyConfiguration> app(PostgresExtension postgres) {
    return new DropwizardAppExtension<>(
        CanopyApplication.class,
        ResourceHelpers.resourceFilePath("test-config.yml"),
        ConfigOverride.config("database.url", () -> postgres.pg().jdbcUrl()),
        ConfigOverride.config("database.password", () -> postgres.pg().password()),
        ConfigOverride.config("auth.operatorToken", OPERATOR),
        ConfigOverride.config("auth.internalSecret", INTERNAL));
  }

  Answer get(String path, String token) {
    return call("GET", path, token, null);
  }

  Answer post(String path, String token, String json) {
    return call("POST", path, token, json);
  }

  Answer patch(String path, String token, String json) {
    return call("PATCH", path, token, json);
  }

  Answer delete(String path, String token) {
    return call("DELETE", path, token, null);
  }

  Answer call(String method, String path, String token, String json) {
    Invocation.Builder request =
        app.client()
            .target("http://127.0.0.1:" + app.getLocalPort() + path)
            // Jersey's default connector has no PATCH; this lets it send one.
            .property(HttpUrlConnectorProvider.SET_METHOD_WORKAROUND, true)
            .property(ClientProperties.READ_TIMEOUT, 30_000)
            .request();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    Response response =
        json == null ? request.method(method) : request.method(method, Entity.json(json));
    String text = response.readEntity(String.class);
    JsonNode body;
    try {
      body = text == null || text.isEmpty() ? null : JSON.readTree(text);
    } catch (IOException e) {
      body = JsonNodeFactory.instance.textNode(text); // not JSON (the OpenAPI YAML)
    }
    return new Answer(response.getStatus(), body, response);
  }

  /** Creates a tenant as the operator; fails the test if that is refused. */
  Answer createTenant(String slug) {
    Answer created =
        post("/v1/tenants", OPERATOR, "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + " Inc.\"}");
    if (created.status() != 201) {
      throw new AssertionError("creating " + slug + ": " + created);
    }
    return created;
  }

  /** Creates a key for the tenant as the operator; returns the full key. */
  String createKey(String slug, String... scopes) {
    String list = String.join("\",\"", scopes);
    Answer created =
        post(
            "/v1/tenants/" + slug + "/keys",
            OPERATOR,
            "{\"name\":\"test\",\"scopes\":[\"" + list + "\"]}");
    if (created.status() != 201) {
      throw new AssertionError("creating a key for " + slug + ": " + created);
    }
    return created.body().get("key").asText();
  }
}
