package io.canopy.stack.druid;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One call to a Druid API as the operator ({@link DruidCredentials}); thread-safe. */
final class OperatorHttp {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  private OperatorHttp() {}

  /** The answer, whatever its status; an interrupted wait is an IOException. */
  static HttpResponse<String> send(HttpRequest.Builder request, Duration timeout)
      throws IOException {
    try {
      return HTTP.send(
          DruidCredentials.apply(request).timeout(timeout).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
