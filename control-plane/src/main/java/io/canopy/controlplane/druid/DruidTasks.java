package io.canopy.controlplane.druid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.controlplane.config.DruidConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Druid's tasks and segment metadata: submitting and following tasks, marking segments unused and
 * killing them (deleting them from deep storage). Intervals are ISO-8601 {@code start/end} strings.
 * Thread-safe; made by {@link DruidClient#tasks()}.
 */
public final class DruidTasks {
  /** An interval that holds every segment a datasource can have. */
  public static final String ALL_TIME = "1000-01-01/3000-01-01";

  private final DruidHttp http;
  private final DruidConfig config;

  DruidTasks(DruidConfig config, DruidHttp http) {
    this.config = config;
    this.http = http;
  }

  /** A task as the Overlord reports it. */
  public record Status(String state, String error) {
    public boolean running() {
      return state.equals("RUNNING");
    }

    public boolean succeeded() {
      return state.equals("SUCCESS");
    }
  }

  /** Submits a task spec; returns its id. */
  public String submit(String taskJson) {
    return http.post(config.overlordUrl + "/druid/indexer/v1/task", taskJson).path("task").asText();
  }

  /** A task's status; a task the Overlord does not know counts as failed. */
  public Status status(String taskId) {
    return http.get(config.overlordUrl + "/druid/indexer/v1/task/" + encode(taskId) + "/status")
        .map(r -> r.path("status"))
        .map(s -> new Status(s.path("statusCode").asText(), s.path("errorMsg").asText(null)))
        .orElse(new Status("FAILED", "Druid does not know task " + taskId));
  }

  /**
   * Shuts down every running, pending or waiting task of the datasource, without letting it publish
   * what it holds (terminating a supervisor only asks its tasks to publish and stop), and returns
   * once none is left.
   *
   * @throws DruidException if tasks remain after {@code timeout}
   */
  /**
   * Asks every running, pending or waiting task of {@code datasource} to shut down, without
   * publishing; true once none is left. Druid offers no way to wait for a task to end, so a caller
   * that needs them gone calls this again later (the datasource deletion job does, on each run).
   */
  public boolean stopActive(String datasource) {
    List<String> active = new ArrayList<>();
    for (String state : new String[] {"running", "pending", "waiting"}) {
      http.get(
              config.overlordUrl
                  + "/druid/indexer/v1/tasks?state="
                  + state
                  + "&datasource="
                  + encode(datasource))
          .orElseThrow(() -> new DruidException("the Overlord has no task list"))
          .forEach(task -> active.add(task.path("id").asText()));
    }
    for (String task : active) {
      // 404: the task ended meanwhile.
      http.call(
          "POST",
          config.overlordUrl + "/druid/indexer/v1/task/" + encode(task) + "/shutdown",
          "",
          true);
    }
    return active.isEmpty();
  }

  /** Marks every segment of a datasource unused: it stops being queryable. */
  public void markAllUnused(String datasource) {
    http.call(
        "DELETE",
        config.coordinatorUrl + "/druid/coordinator/v1/datasources/" + datasource,
        null,
        true);
  }

  /**
   * Marks the used segments that lie wholly inside {@code interval} unused; returns how many
   * changed.
   */
  public int markUnused(String datasource, String interval) {
    JsonNode answer =
        http.post(
            config.coordinatorUrl
                + "/druid/coordinator/v1/datasources/"
                + datasource
                + "/markUnused",
            DruidHttp.mapper().createObjectNode().put("interval", interval).toString());
    return answer == null ? 0 : answer.path("numChangedSegments").asInt();
  }

  /** Marks the named segments unused. */
  public void markUnused(String datasource, List<String> segmentIds) {
    ObjectNode body = DruidHttp.mapper().createObjectNode();
    segmentIds.forEach(body.putArray("segmentIds")::add);
    http.post(
        config.coordinatorUrl + "/druid/coordinator/v1/datasources/" + datasource + "/markUnused",
        body.toString());
  }

  /** Whether the datasource has unused segments (still in deep storage) inside the interval. */
  public boolean hasUnused(String datasource, String interval) {
    return http.get(
            config.coordinatorUrl
                + "/druid/coordinator/v1/metadata/datasources/"
                + datasource
                + "/unusedSegments?limit=1&interval="
                + encode(interval))
        .map(segments -> !segments.isEmpty())
        .orElse(false);
  }

  /** Submits a kill task: unused segments inside the interval are deleted from deep storage. */
  public String kill(String datasource, String interval) {
    return kill(null, datasource, interval);
  }

  /** A kill task with the given id; Druid refuses a second task of the same id. */
  public String kill(String taskId, String datasource, String interval) {
    ObjectNode task =
        DruidHttp.mapper()
            .createObjectNode()
            .put("type", "kill")
            .put("dataSource", datasource)
            .put("interval", interval);
    if (taskId != null) {
      task.put("id", taskId);
    }
    return submit(task.toString());
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
