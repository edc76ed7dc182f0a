package io.canopy.controlplane.druid;

import io.canopy.controlplane.config.DruidConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The control plane's only way to Druid: its HTTP APIs (Overlord for supervisors, Coordinator for
 * rules and compaction). Thread-safe.
 */
public final class DruidClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final DruidConfig config;

  public DruidClient(DruidConfig config) {
    this.config = config;
  }

  /**
   * Creates or replaces a supervisor. Druid restarts the supervisor even when the spec is
   * unchanged, so callers compare with {@link #supervisorSpec} first.
   */
  public void postSupervisor(String specJson) {
    post(config.overlordUrl + "/druid/indexer/v1/supervisor", specJson);
  }

  /** The spec of a supervisor as Druid holds it, or empty when there is no such supervisor. */
  public Optional<String> supervisorSpec(String id) {
    String url = config.overlordUrl + "/druid/indexer/v1/supervisor/" + id;
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).GET(), url);
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    requireSuccess(r, "GET", url);
    return Optional.of(r.body());
  }

  public void postLoadRules(String datasource, String rulesJson) {
    post(config.coordinatorUrl + "/druid/coordinator/v1/rules/" + datasource, rulesJson);
  }

  public void postCompactionConfig(String configJson) {
    post(config.coordinatorUrl + "/druid/coordinator/v1/config/compaction", configJson);
  }

  /** Whether a service answers {@code GET /status/health} with {@code true}. */
  public boolean healthy(String baseUrl) {
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

  private void post(String url, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    requireSuccess(send(request, url), "POST", url);
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

  private HttpResponse<String> send(HttpRequest.Builder request, String url) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DruidException("Druid is not reachable at " + url + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DruidException("interrupted calling " + url);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 500 ? s.substring(0, 500) + "…" : s;
  }
}
