package io.canopy.stack.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.druid.DruidCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The control plane's Dropwizard health checks ({@code GET /healthcheck} on its admin port), read
 * as JSON: one object per check with {@code healthy}, {@code message} and its details.
 */
public final class ControlPlaneHealth {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String url;

  public ControlPlaneHealth(String url) {
    this.url = url;
  }

  /**
   * Serving: every check passes, except that the {@code ingestion} check may fail once everything
   * is provisioned (a supervisor suspended, lagging or unhealthy, handoffs failing). {@code up}
   * must finish then, so the operator can look; {@code status} shows the failure and exits 1.
   */
  public HealthCheck serving() {
    return () ->
        checks()
            .map(
                checks -> {
                  for (Iterator<Map.Entry<String, JsonNode>> it = checks.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> check = it.next();
                    boolean provisioned =
                        check.getKey().equals("ingestion")
                            && check.getValue().path("provisioned").asBoolean(false);
                    if (!check.getValue().path("healthy").asBoolean(false) && !provisioned) {
                      return false;
                    }
                  }
                  return true;
                })
            .orElse(false);
  }

  /**
   * Lines for {@code bin/canopy status}: each supervisor's state, lag and verdict, each
   * datasource's handoffs, then each failing check.
   */
  public List<String> report() {
    Optional<JsonNode> checks = checks();
    if (checks.isEmpty()) {
      return List.of("control plane health: not answering");
    }
    List<String> lines = new ArrayList<>();
    JsonNode ingestion = checks.get().path("ingestion");
    for (String detail : List.of("supervisors", "datasources")) {
      String kind = detail.substring(0, detail.length() - 1);
      ingestion
          .path(detail)
          .fields()
          .forEachRemaining(e -> lines.add(kind + " " + e.getKey() + ": " + e.getValue().asText()));
    }
    checks
        .get()
        .fields()
        .forEachRemaining(
            check -> {
              if (!check.getValue().path("healthy").asBoolean(false)) {
                lines.add(
                    "UNHEALTHY check "
                        + check.getKey()
                        + ": "
                        + check.getValue().path("message").asText());
              }
            });
    return lines;
  }

  /** Whether every check passes, handoffs included. */
  public boolean allHealthy() {
    return checks()
        .map(
            checks -> {
              boolean all = true;
              for (JsonNode check : checks) {
                all &= check.path("healthy").asBoolean(false);
              }
              return all;
            })
        .orElse(false);
  }

  private Optional<JsonNode> checks() {
    try {
      HttpResponse<String> r =
          HTTP.send(
              DruidCredentials.toAdminPort(HttpRequest.newBuilder(URI.create(url)))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      // 200 when all pass, 500 when one fails: both carry the checks.
      return r.body().startsWith("{") ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
