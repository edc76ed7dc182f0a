package io.canopy.stack.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON over HTTP for the integration tests: the control plane's admin API as the operator calls it
 * (with its token), or Druid's own APIs (token null).
 */
final class AdminApi {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;
  private final String token;
  private final Map<String, String> headers;

  AdminApi(String baseUrl, String token) {
    this(baseUrl, token, Map.of());
  }

  private AdminApi(String baseUrl, String token, Map<String, String> headers) {
    this.baseUrl = baseUrl;
    this.token = token;
    this.headers = headers;
  }

  /** The same caller, sending one more header with every call. */
  AdminApi withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new AdminApi(baseUrl, token, more);
  }

  /** A Druid service's API, called as the operator (Bearer operator token, which Druid knows). */
  static AdminApi druid(String baseUrl) {
    return new AdminApi(baseUrl, LocalStackExtension.operatorToken());
  }

  /** The control plane's API as a caller: the operator token or an API key. */
  static AdminApi controlPlane(String token) {
    return new AdminApi(LocalStackExtension.stack().ports().controlPlaneUrl(), token);
  }

  /** The control plane's admin API as the operator of the running stack. */
  static AdminApi operator() {
    return controlPlane(LocalStackExtension.operatorToken());
  }

  /** As the operator: creates tenant {@code slug} (with no name of its own). */
  void tenant(String slug, String quotasJson) {
    call(
        "POST",
        "/v1/tenants",
        "{\"slug\":\""
            + slug
            + "\",\"name\":\""
            + slug
            + "\""
            + (quotasJson == null ? "" : ",\"quotas\":" + quotasJson)
            + "}",
        201);
  }

  /** As the operator: a new key of tenant {@code slug} with these scopes (id, key, …). */
  JsonNode key(String slug, String... scopes) {
    StringBuilder list = new StringBuilder();
    for (String scope : scopes) {
      list.append(list.length() == 0 ? "\"" : ",\"").append(scope).append('"');
    }
    return call("POST", "/v1/tenants/" + slug + "/keys", "{\"scopes\":[" + list + "]}", 201);
  }

  /** As the operator: tenant {@code slug} (these quotas, JSON, or null) and a key; the key. */
  String tenantWithKey(String slug, String quotasJson, String... scopes) {
    tenant(slug, quotasJson);
    return key(slug, scopes).get("key").asText();
  }

  /** Sends one call; fails the test unless it answers {@code expected}. */
  JsonNode call(String method, String path, String body, int expected) {
    HttpResponse<String> response = send(method, path, body);
    if (response.statusCode() != expected) {
      throw new AssertionError(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    try {
      return response.body().isEmpty() ? null : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one call; fails the test unless it answers one of {@code expected}. */
  JsonNode callExpecting(String method, String path, String body, int... expected) {
    HttpResponse<String> response = send(method, path, body);
    if (java.util.Arrays.stream(expected).noneMatch(s -> s == response.statusCode())) {
      throw new AssertionError(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    try {
      return response.body().isEmpty() ? null : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The status of one bodiless call, whatever it is. */
  int status(String method, String path) {
    return send(method, path, null).statusCode();
  }

  private HttpResponse<String> send(String method, String path, String body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    headers.forEach(builder::header);
    HttpRequest request =
        builder
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
