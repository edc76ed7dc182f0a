package io.canopy.controlplane.druid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.controlplane.common.AbandonedException;
import io.canopy.controlplane.common.Demand;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * JSON over HTTP to Druid's services, shared by {@link DruidClient} and {@link DruidTasks}. Every
 * failure becomes a {@link DruidException} naming the call and Druid's answer. Thread-safe.
 */
final class DruidHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** How often a waiting {@link #exchange} asks whether its answer is still wanted. */
  static final Duration WATCH_EVERY = Duration.ofMillis(200);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** {@code Authorization} for every call, or null when Druid is open. Never logged. */
  private final String authorization;

  /**
   * @param user with {@code password}, the identity the control plane has in Druid
   */
  DruidHttp(String user, String password) {
    this.authorization =
        password == null || password.isEmpty()
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** GETs a JSON document; empty when Druid answers 404 (no such thing). */
  Optional<JsonNode> get(String url) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).GET(), url);
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    requireSuccess(r, "GET", url);
    return Optional.of(json(r.body()));
  }

  /** POSTs a JSON body and returns Druid's JSON answer ({@code null} when it sent none). */
  JsonNode post(String url, String body) {
    return post(url, body, 1);
  }

  /**
   * POSTs a read (a query: asking twice changes nothing) and returns Druid's JSON answer. A pooled
   * connection Druid closed as idle just as it was reused fails before Druid read the request; such
   * a failure is retried once on a new connection.
   */
  JsonNode postRead(String url, String body) {
    return post(url, body, 2);
  }

  private JsonNode post(String url, String body, int attempts) {
    HttpResponse<String> r = send(withBody("POST", url, body), url, attempts);
    requireSuccess(r, "POST", url);
    return r.body().isBlank() ? null : json(r.body());
  }

  /** Sends a request whose answer is not needed; with {@code absentIsDone}, 404 is success. */
  void call(String method, String url, String body, boolean absentIsDone) {
    HttpResponse<String> r = send(withBody(method, url, body), url);
    if (!(absentIsDone && r.statusCode() == 404)) {
      requireSuccess(r, method, url);
    }
  }

  /** Whether a service answers {@code GET /status/health} with {@code true}. */
  boolean healthy(String baseUrl) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/status/health"))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().trim().equals("true");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new DruidException("Druid answered with something that is not JSON");
    }
  }

  static ObjectMapper mapper() {
    return JSON;
  }

  private static HttpRequest.Builder withBody(String method, String url, String body) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
  }

  private static void requireSuccess(HttpResponse<String> r, String method, String url) {
    if (r.statusCode() / 100 != 2) {
      throw new DruidException(
          "Druid answered HTTP "
              + r.statusCode()
              + " to "
              + method
              + " "
              + url
              + ": "
              + abbreviate(r.body()));
    }
  }

  /**
   * Sends a JSON body as {@code as} (an {@code Authorization} value; null: the control plane's own
   * identity), with a tenant's request tag if there is one ({@link RequestTags}), and waits at most
   * {@code timeout}; Druid's answer, whatever its status. While it waits it asks {@code demand}
   * every {@link #WATCH_EVERY}: once nobody waits for the answer, the call is abandoned (the caller
   * cancels the query in Druid).
   *
   * @throws HttpTimeoutException when Druid has not answered within {@code timeout}
   * @throws AbandonedException when {@code demand} is gone before Druid answered
   */
  HttpResponse<String> exchange(
      String method,
      String url,
      String body,
      String as,
      String tag,
      Duration timeout,
      Demand demand)
      throws HttpTimeoutException {
    HttpRequest.Builder request = withBody(method, url, body).timeout(timeout);
    String who = as != null ? as : authorization;
    if (who != null) {
      request.header("Authorization", who);
    }
    if (tag != null) {
      request.header(RequestTags.HEADER, tag);
    }
    CompletableFuture<HttpResponse<String>> answer =
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    try {
      while (true) {
        try {
          return answer.get(WATCH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          if (demand.gone()) {
            answer.cancel(true);
            throw new AbandonedException("the client went away while Druid ran its query");
          }
        }
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof HttpTimeoutException t) {
        throw t;
      }
      throw new DruidException("Druid is not reachable at " + url + ": " + cause.getMessage());
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      throw new DruidException("interrupted calling " + url);
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String url) {
    return send(request, url, 1);
  }

  /** Sends, trying up to {@code attempts} times while the connection fails. */
  private HttpResponse<String> send(HttpRequest.Builder request, String url, int attempts) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
    for (int attempt = 1; ; attempt++) {
      try {
        return http.send(built, HttpResponse.BodyHandlers.ofString());
      } catch (HttpTimeoutException e) {
        throw new DruidException("Druid did not answer " + url + " within 30 s");
      } catch (IOException e) {
        if (attempt >= attempts) {
          throw new DruidException("Druid is not reachable at " + url + ": " + e.getMessage());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DruidException("interrupted calling " + url);
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 500 ? s.substring(0, 500) + "…" : s;
  }
}
