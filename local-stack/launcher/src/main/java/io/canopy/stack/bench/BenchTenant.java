package io.canopy.stack.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.StackException;
import io.canopy.stack.StackPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * A tenant of its own for a benchmark, made through the admin API with quotas far above what the
 * machine can send, so the run measures the API and not the default tenant's ingest quota.
 *
 * @param key its first key, with the scopes it was created with
 */
public record BenchTenant(String slug, String key) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** Creates {@code bench-<random>} with an ingest key; returns the key. */
  public static String create(StackPorts ports, String operatorToken) {
    return create(ports, operatorToken, "ingest").key();
  }

  /** Creates {@code bench-<random>} with a key of these scopes. */
  public static BenchTenant create(StackPorts ports, String operatorToken, String... scopes) {
    String slug = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    call(
        ports,
        operatorToken,
        "POST",
        "/v1/tenants",
        "{\"slug\":\""
            + slug
            + "\",\"name\":\"Throughput benchmark\",\"quotas\":"
            + "{\"ingestEventsPerSecond\":1000000,\"ingestBurstEvents\":10000000}}",
        201);
    return new BenchTenant(slug, newKey(ports, operatorToken, slug, scopes));
  }

  /**
   * The tenant {@code slug} with these quotas (a JSON object), made if it does not exist yet (a
   * benchmark that loads history keeps its tenant between runs), with a new key of these scopes.
   */
  public static BenchTenant named(
      StackPorts ports, String operatorToken, String slug, String quotas, String... scopes) {
    String body =
        "{\"slug\":\"" + slug + "\",\"name\":\"Query benchmark\",\"quotas\":" + quotas + "}";
    HttpResponse<String> created = send(ports, operatorToken, "POST", "/v1/tenants", body);
    if (created.statusCode() == 409) {
      call(
          ports, operatorToken, "PATCH", "/v1/tenants/" + slug, "{\"quotas\":" + quotas + "}", 200);
    } else if (created.statusCode() != 201) {
      throw new StackException(
          "POST /v1/tenants answered " + created.statusCode() + ": " + created.body());
    }
    return new BenchTenant(slug, newKey(ports, operatorToken, slug, scopes));
  }

  /** Another key of this tenant's. */
  public String newKey(StackPorts ports, String operatorToken, String... scopes) {
    return newKey(ports, operatorToken, slug, scopes);
  }

  private static String newKey(StackPorts ports, String token, String slug, String... scopes) {
    String body = JSON.createObjectNode().set("scopes", JSON.valueToTree(scopes)).toString();
    String key = call(ports, token, "POST", "/v1/tenants/" + slug + "/keys", body, 201);
    try {
      return JSON.readTree(key).get("key").asText();
    } catch (IOException e) {
      throw new StackException("unexpected answer creating a benchmark key: " + key, e);
    }
  }

  private static String call(
      StackPorts ports, String token, String method, String path, String body, int expected) {
    HttpResponse<String> r = send(ports, token, method, path, body);
    if (r.statusCode() != expected) {
      throw new StackException(
          method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  private static HttpResponse<String> send(
      StackPorts ports, String token, String method, String path, String body) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create(ports.controlPlaneUrl() + path))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .method(method, HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new StackException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted", e);
    }
  }
}
