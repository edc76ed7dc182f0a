package io.canopy.stack.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A minimal client of the control plane's {@code POST /v1/events}, used by the demo traffic, the
 * benchmark and the integration tests. Thread-safe.
 */
public final class IngestClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI uri;
  private final String apiKey;

  public IngestClient(String baseUrl, String apiKey) {
    this.uri = URI.create(baseUrl + "/v1/events");
    this.apiKey = apiKey;
  }

  /**
   * The response: status code, JSON body, the {@code Retry-After} seconds of a 429 or 503 (0 when
   * absent), and whether it is the stored answer of an earlier request with the same idempotency
   * key.
   */
  public record Response(int status, String body, long retryAfterSeconds, boolean replayed) {}

  /** Posts events (each a JSON object) as one JSON array. */
  public Response post(List<String> eventsJson) {
    return post(eventsJson, null);
  }

  /** Posts events as one JSON array with an {@code Idempotency-Key} (none when null). */
  public Response post(List<String> eventsJson, String idempotencyKey) {
    return send(
        "[" + String.join(",", eventsJson) + "]", "application/json", false, idempotencyKey);
  }

  /**
   * Posts a raw body.
   *
   * @param contentType e.g. {@code application/json} or {@code application/x-ndjson}
   * @param gzip whether to gzip the body and say so in {@code Content-Encoding}
   */
  public Response send(String body, String contentType, boolean gzip) {
    return send(body, contentType, gzip, null);
  }

  private Response send(String body, String contentType, boolean gzip, String idempotencyKey) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", contentType);
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    if (gzip) {
      bytes = gzip(bytes);
      request.header("Content-Encoding", "gzip");
    }
    try {
      HttpResponse<String> r =
          http.send(
              request.POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
              HttpResponse.BodyHandlers.ofString());
      long retryAfter = r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L);
      boolean replayed = r.headers().firstValue("Idempotency-Replayed").isPresent();
      return new Response(r.statusCode(), r.body(), retryAfter, replayed);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("POST " + uri + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  private static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return buf.toByteArray();
  }
}
