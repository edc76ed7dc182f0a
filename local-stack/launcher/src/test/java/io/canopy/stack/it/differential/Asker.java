package io.canopy.stack.it.differential;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Asks questions of the control plane as their tenants, recording when each was sent and answered.
 * A 429 or 503 with {@code Retry-After} is asked again after it, as a client should, up to three
 * times; what it answers then is the answer. Thread-safe.
 */
final class Asker {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  Asker(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  Exchange ask(Question q, RangeSpec.Context c) {
    Map<String, MeasureDef> measures = q.tenant().measures();
    AnswerPath.Request request = q.path().request(q, c, measures);
    for (int attempt = 1; ; attempt++) {
      Instant asked = Instant.now();
      HttpResponse<String> r = send(q.tenant().key(), request);
      Instant answered = Instant.now();
      long retryAfter = r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(-1L);
      boolean again = (r.statusCode() == 429 || r.statusCode() == 503) && retryAfter >= 0;
      if (!again || attempt == 3) {
        return new Exchange(q, c, request, asked, answered, r.statusCode(), r.body());
      }
      pause(Duration.ofSeconds(retryAfter));
    }
  }

  /**
   * One call of the control plane's API as {@code token} (an API key or the operator token); fails
   * unless it answers {@code expected}. Returns the body.
   */
  String call(String token, String method, String path, String body, int expected) {
    HttpResponse<String> r =
        send(token, new AnswerPath.Request(method, path, body == null ? null : json(body)));
    if (r.statusCode() != expected) {
      throw new AssertionError(
          method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  private static com.fasterxml.jackson.databind.node.ObjectNode json(String body) {
    try {
      return (com.fasterxml.jackson.databind.node.ObjectNode)
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpResponse<String> send(String key, AnswerPath.Request request) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(baseUrl + request.path()))
            .timeout(Duration.ofSeconds(90))
            .header("Authorization", "Bearer " + key);
    if (request.body() != null) {
      b.header("Content-Type", "application/json")
          .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body().toString()));
    } else {
      b.method(request.method(), HttpRequest.BodyPublishers.noBody());
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.path() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits as the server asked (Retry-After), not a guessed time. */
  private static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
