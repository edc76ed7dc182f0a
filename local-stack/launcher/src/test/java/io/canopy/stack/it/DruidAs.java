package io.canopy.stack.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Calls to Druid's router (or broker) as one caller (an {@code Authorization} header, or none:
 * anonymous), whatever they answer: the tests assert on the status, the rows and the challenge.
 */
final class DruidAs {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * What Druid answered: the status, the body as JSON (text when not JSON), the challenge and the
   * {@code Retry-After} (null when absent).
   */
  record Answer(int status, JsonNode body, String challenge, String retryAfter) {
    /** The rows' {@code n} column, summed. */
    long n() {
      long n = 0;
      for (JsonNode row : body) {
        n += row.path("n").asLong();
      }
      return n;
    }
  }

  private final String authorization;
  private final String baseUrl;

  private DruidAs(String authorization) {
    this(authorization, LocalStackExtension.stack().ports().routerUrl());
  }

  private DruidAs(String authorization, String baseUrl) {
    this.authorization = authorization;
    this.baseUrl = baseUrl;
  }

  /** The same caller, calling the broker instead of the router. */
  DruidAs atBroker() {
    return new DruidAs(authorization, LocalStackExtension.stack().ports().brokerUrl());
  }

  static DruidAs basic(String user, String password) {
    return new DruidAs(
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  static DruidAs bearer(String token) {
    return new DruidAs("Bearer " + token);
  }

  static DruidAs anonymous() {
    return new DruidAs(null);
  }

  Answer sql(String sql) {
    return post("/druid/v2/sql", JSON.createObjectNode().put("query", sql).toString());
  }

  Answer post(String path, String body) {
    return send(path, HttpRequest.BodyPublishers.ofString(body), "POST");
  }

  Answer get(String path) {
    return send(path, HttpRequest.BodyPublishers.noBody(), "GET");
  }

  private Answer send(String path, HttpRequest.BodyPublisher body, String method) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(method, body);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> r;
    try {
      r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    JsonNode json;
    try {
      json = JSON.readTree(r.body());
    } catch (IOException notJson) {
      json = JSON.getNodeFactory().textNode(r.body());
    }
    return new Answer(
        r.statusCode(),
        json == null ? JSON.missingNode() : json,
        r.headers().firstValue("WWW-Authenticate").orElse(null),
        r.headers().firstValue("Retry-After").orElse(null));
  }
}
