package io.canopy.controlplane.druid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.controlplane.config.DruidConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The control plane's only way to Druid: its HTTP APIs (Overlord for supervisors, Coordinator for
 * rules and compaction). Thread-safe.
 */
public final class DruidClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

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

  /** A supervisor's status payload ({@code state}, {@code aggregateLag}, …), if it exists. */
  public Optional<JsonNode> supervisorStatus(String id) {
    String url = config.overlordUrl + "/druid/indexer/v1/supervisor/" + id + "/status";
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).GET(), url);
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    requireSuccess(r, "GET", url);
    return Optional.of(json(r.body()).path("payload"));
  }

  /** {@code suspend}, {@code resume}, {@code reset} or {@code terminate} a supervisor. */
  public void supervisorAction(String id, String action) {
    post(config.overlordUrl + "/druid/indexer/v1/supervisor/" + id + "/" + action, "");
  }

  /**
   * Shuts down every running, pending or waiting task of the datasource, without letting it publish
   * what it holds (terminating a supervisor only asks its tasks to publish and stop), and returns
   * once none is left.
   *
   * @throws DruidException if tasks remain after {@code timeout}
   */
  public void stopAllTasks(String datasource, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> active = new ArrayList<>();
      for (String state : new String[] {"running", "pending", "waiting"}) {
        String url =
            config.overlordUrl
                + "/druid/indexer/v1/tasks?state="
                + state
                + "&datasource="
                + URLEncoder.encode(datasource, StandardCharsets.UTF_8);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).GET(), url);
        requireSuccess(r, "GET", url);
        json(r.body()).forEach(task -> active.add(task.path("id").asText()));
      }
      if (active.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new DruidException("tasks " + active + " of " + datasource + " are still active");
      }
      for (String task : active) {
        // 404: the task ended meanwhile.
        request(
            "POST", config.overlordUrl + "/druid/indexer/v1/task/" + task + "/shutdown", "", true);
      }
      try {
        Thread.sleep(500); // Druid offers no way to wait for a task to end
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DruidException("interrupted stopping the tasks of " + datasource);
      }
    }
  }

  /** Marks every segment of a datasource unused: it stops being queryable. */
  public void markAllUnused(String datasource) {
    request(
        "DELETE",
        config.coordinatorUrl + "/druid/coordinator/v1/datasources/" + datasource,
        null,
        true);
  }

  /** Submits a kill task: unused segments of the datasource are deleted from deep storage. */
  public void killAll(String datasource) {
    post(
        config.overlordUrl + "/druid/indexer/v1/task",
        "{\"type\":\"kill\",\"dataSource\":\""
            + datasource
            + "\",\"interval\":\"1000-01-01/3000-01-01\"}");
  }

  public void deleteCompactionConfig(String datasource) {
    request(
        "DELETE",
        config.coordinatorUrl + "/druid/coordinator/v1/config/compaction/" + datasource,
        null,
        true);
  }

  /** Runs a Druid SQL query with {@code ?} parameters (strings) on the broker; rows as objects. */
  public JsonNode sql(String query, String... parameters) {
    ArrayNode params = JSON.createArrayNode();
    for (String p : parameters) {
      params.addObject().put("type", "VARCHAR").put("value", p);
    }
    ObjectNode body = JSON.createObjectNode().put("query", query);
    body.set("parameters", params);
    String url = config.brokerUrl + "/druid/v2/sql";
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())),
            url);
    requireSuccess(r, "POST", url);
    return json(r.body());
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new DruidException("Druid answered with something that is not JSON");
    }
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
    request("POST", url, json, false);
  }

  /** Sends a request; with {@code absentIsDone}, a 404 (nothing there) counts as success. */
  private void request(String method, String url, String json, boolean absentIsDone) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> r = send(request, url);
    if (!(absentIsDone && r.statusCode() == 404)) {
      requireSuccess(r, method, url);
    }
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
