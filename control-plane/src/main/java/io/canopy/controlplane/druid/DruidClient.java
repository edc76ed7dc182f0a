package io.canopy.controlplane.druid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.controlplane.config.DruidConfig;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The control plane's way to Druid's supervisors, load rules, compaction configs and SQL (tasks and
 * segments are {@link DruidTasks}). Thread-safe.
 */
public final class DruidClient implements Supervisors {
  private final DruidHttp http;
  private final DruidConfig config;
  private final RequestTags tags;

  /**
   * @param internalSecret the stack's internal secret, which signs the tags of tenants' queries
   *     ({@link RequestTags}); empty: untagged
   */
  public DruidClient(DruidConfig config, String internalSecret) {
    this.config = config;
    this.http = new DruidHttp(config.user, config.password);
    this.tags = new RequestTags(internalSecret);
  }

  /** The tasks and segments side of the same Druid, sharing this client's connections. */
  public DruidTasks tasks() {
    return new DruidTasks(config, http);
  }

  /** Druid SQL as a caller, with its timeout, cancellation and errors as domain errors. */
  public DruidSqlRunner sqlRunner() {
    return new DruidSqlRunner(config, http, tags);
  }

  /**
   * Creates or replaces a supervisor. Druid restarts the supervisor even when the spec is
   * unchanged, so callers compare with {@link #supervisorSpec} first.
   */
  @Override
  public void postSupervisor(String specJson) {
    http.post(config.overlordUrl + "/druid/indexer/v1/supervisor", specJson);
  }

  /** The spec of a supervisor as Druid holds it, or empty when there is no such supervisor. */
  @Override
  public Optional<String> supervisorSpec(String id) {
    return supervisor(id).map(JsonNode::toString);
  }

  private Optional<JsonNode> supervisor(String id) {
    return http.get(config.overlordUrl + "/druid/indexer/v1/supervisor/" + id);
  }

  /** The ids of every supervisor Druid runs (suspended ones too; terminated ones not). */
  public List<String> supervisorIds() {
    List<String> ids = new ArrayList<>();
    http.get(config.overlordUrl + "/druid/indexer/v1/supervisor")
        .ifPresent(list -> list.forEach(id -> ids.add(id.asText())));
    return ids;
  }

  /** A supervisor's status payload ({@code state}, {@code aggregateLag}, …), if it exists. */
  @Override
  public Optional<JsonNode> supervisorStatus(String id) {
    return http.get(config.overlordUrl + "/druid/indexer/v1/supervisor/" + id + "/status")
        .map(status -> status.path("payload"));
  }

  @Override
  public Optional<JsonNode> taskPayload(String taskId) {
    return http.get(
            config.overlordUrl
                + "/druid/indexer/v1/task/"
                + URLEncoder.encode(taskId, StandardCharsets.UTF_8))
        .map(task -> task.path("payload"));
  }

  /** {@code suspend}, {@code resume}, {@code reset} or {@code terminate} a supervisor. */
  public void supervisorAction(String id, String action) {
    http.post(config.overlordUrl + "/druid/indexer/v1/supervisor/" + id + "/" + action, "");
  }

  /**
   * Asks a supervisor's running tasks to publish what they hold now instead of at the end of their
   * {@code taskDuration}; the supervisor then starts new ones. Does nothing without a supervisor.
   */
  @Override
  public void handoffEarly(String id) {
    Optional<JsonNode> spec = supervisor(id);
    if (spec.isEmpty()) {
      return;
    }
    int taskCount = spec.get().path("spec").path("ioConfig").path("taskCount").asInt(1);
    ArrayNode groups = DruidHttp.mapper().createArrayNode();
    for (int group = 0; group < taskCount; group++) {
      groups.add(group);
    }
    ObjectNode body = DruidHttp.mapper().createObjectNode();
    body.set("taskGroupIds", groups);
    http.post(
        config.overlordUrl + "/druid/indexer/v1/supervisor/" + id + "/taskGroups/handoff",
        body.toString());
  }

  public void deleteCompactionConfig(String datasource) {
    http.call(
        "DELETE",
        config.coordinatorUrl + "/druid/coordinator/v1/config/compaction/" + datasource,
        null,
        true);
  }

  /** Runs a Druid SQL query with {@code ?} parameters (strings) on the broker; rows as objects. */
  public JsonNode sql(String query, String... parameters) {
    ArrayNode params = DruidHttp.mapper().createArrayNode();
    for (String p : parameters) {
      params.addObject().put("type", "VARCHAR").put("value", p);
    }
    ObjectNode body = DruidHttp.mapper().createObjectNode().put("query", query);
    body.set("parameters", params);
    return http.postRead(config.brokerUrl + "/druid/v2/sql", body.toString());
  }

  public void postLoadRules(String datasource, String rulesJson) {
    http.post(config.coordinatorUrl + "/druid/coordinator/v1/rules/" + datasource, rulesJson);
  }

  public void postCompactionConfig(String configJson) {
    http.post(config.coordinatorUrl + "/druid/coordinator/v1/config/compaction", configJson);
  }

  /** Whether a service answers {@code GET /status/health} with {@code true}. */
  public boolean healthy(String baseUrl) {
    return http.healthy(baseUrl);
  }
}
