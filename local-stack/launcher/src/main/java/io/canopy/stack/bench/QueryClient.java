package io.canopy.stack.bench;

import io.canopy.stack.StackException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code POST /v1/query} as one tenant key, timed by the benchmark. {@code fresh} sends {@code
 * Cache-Control: no-cache}: the control plane answers from Druid, not from its cache. Thread-safe:
 * one keep-alive client shared by the benchmark's threads.
 */
final class QueryClient {
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI uri;
  private final String authorization;

  QueryClient(String controlPlaneUrl, String key) {
    this.uri = URI.create(controlPlaneUrl + "/v1/query");
    this.authorization = "Bearer " + key;
  }

  /** Milliseconds from sending to the answer's last byte; the answer must be a 200. */
  double millis(String model, boolean fresh) throws IOException, InterruptedException {
    long start = System.nanoTime();
    answer(model, fresh);
    return (System.nanoTime() - start) / 1e6;
  }

  /** The answer's body; anything but a 200 fails the benchmark, naming the status and body. */
  String answer(String model, boolean fresh) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMinutes(5))
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(model));
    if (fresh) {
      request.header("Cache-Control", "no-cache");
    }
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new StackException("POST /v1/query answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }
}
