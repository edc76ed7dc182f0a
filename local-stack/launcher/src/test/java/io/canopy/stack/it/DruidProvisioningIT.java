package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.KafkaClients;
import io.canopy.stack.StackPorts;
import io.canopy.stack.druid.Supervisor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the stack and the control plane set up in Druid, read back from Druid's own APIs. */
@ExtendWith(LocalStackExtension.class)
class DruidProvisioningIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static JsonNode get(String url) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + LocalStackExtension.operatorToken())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url + " " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @Test
  void everyDruidServiceLoadedTheCanopyExtensionFromItsExtensionDirectory() throws Exception {
    StackPorts p = LocalStackExtension.stack().ports();
    for (int port :
        List.of(
            p.coordinator(),
            p.broker(),
            p.router(),
            p.indexer(),
            p.historicalHot(),
            p.historical())) {
      List<String> modules = new ArrayList<>();
      get("http://127.0.0.1:" + port + "/status")
          .get("modules")
          .forEach(m -> modules.add(m.get("name").asText()));
      assertThat(modules).as("modules on port %d", port).contains("io.canopy.druid.pii.PiiModule");
    }
  }

  @Test
  void loadRulesKeepSevenDaysOnHotAndDefaultTiersThenNinetyOnDefaultThenDrop() throws Exception {
    JsonNode rules =
        get(
            LocalStackExtension.stack().ports().coordinatorUrl()
                + "/druid/coordinator/v1/rules/events");

    assertThat(rules).hasSize(4);
    assertThat(rules.get(0).get("type").asText()).isEqualTo("loadByPeriod");
    assertThat(rules.get(0).get("period").asText()).isEqualTo("P7D");
    assertThat(rules.get(0).get("tieredReplicants").get("hot").asInt()).isEqualTo(1);
    assertThat(rules.get(0).get("tieredReplicants").get("_default_tier").asInt()).isEqualTo(1);
    assertThat(rules.get(1).get("period").asText()).isEqualTo("P90D");
    // Cold: a year in deep storage, used but with no replica on any historical.
    assertThat(rules.get(2).get("period").asText()).isEqualTo("P365D");
    assertThat(rules.get(2).get("tieredReplicants").size()).isZero();
    assertThat(rules.get(3).get("type").asText()).isEqualTo("dropForever");
  }

  @Test
  void compactionReRollsDataOlderThanSevenDaysToHour() throws Exception {
    JsonNode config =
        get(
            LocalStackExtension.stack().ports().coordinatorUrl()
                + "/druid/coordinator/v1/config/compaction/events");

    assertThat(config.get("skipOffsetFromLatest").asText()).isEqualTo("P7D");
    assertThat(config.get("granularitySpec").get("queryGranularity").toString()).contains("HOUR");
  }

  @Test
  void twoHistoricalsServeTheHotAndTheDefaultTier() throws Exception {
    JsonNode tiers =
        get(LocalStackExtension.stack().ports().coordinatorUrl() + "/druid/coordinator/v1/tiers");

    List<String> names = new ArrayList<>();
    tiers.forEach(t -> names.add(t.asText()));
    assertThat(names).containsExactlyInAnyOrder("hot", "_default_tier");
  }

  @Test
  void provisioningRunsAgainOnRequestAndIsIdempotent() throws Exception {
    String url =
        "http://127.0.0.1:"
            + LocalStackExtension.stack().ports().controlPlaneAdmin()
            + "/tasks/ensure-ingestion";
    // The admin port answers the operator only (a liveness ping aside).
    HttpResponse<String> anonymous =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).contains("operator only");
    String admin = "http://127.0.0.1:" + LocalStackExtension.stack().ports().controlPlaneAdmin();
    for (String path : List.of("/healthcheck", "/metrics", "/threads", "/pprof")) {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(admin + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(path).isEqualTo(401);
    }
    assertThat(
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(admin + "/ping")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(200);
    for (int i = 0; i < 2; i++) {
      ensureIngestion();
    }
    // Druid restarts a supervisor whose spec is posted again; it must come back to RUNNING.
    Supervisor.events(LocalStackExtension.stack().ports())
        .awaitRunning(java.time.Duration.ofMinutes(2));
    theEventsSupervisorIsRunning();
  }

  /**
   * The control plane's admin task that provisions ingestion again: the pooled supervisor, its
   * rules and compaction, and the dedicated supervisors' specs. What it printed.
   */
  static String ensureIngestion() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + LocalStackExtension.stack().ports().controlPlaneAdmin()
                            + "/tasks/ensure-ingestion"))
                .header("Authorization", "Bearer " + LocalStackExtension.operatorToken())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("supervisor, load rules and compaction in place");
    return r.body();
  }

  @Test
  void theEventsSupervisorIsRunning() throws Exception {
    JsonNode status =
        get(
            LocalStackExtension.stack().ports().coordinatorUrl()
                + "/druid/indexer/v1/supervisor/events/status");

    assertThat(status.get("payload").get("state").asText()).isEqualTo("RUNNING");
    assertThat(status.get("payload").get("stream").asText()).isEqualTo("canopy-events");
  }

  /**
   * The control plane made the pooled topic with the configured replication (local stack: 1/1), and
   * keeps its raw events a day.
   */
  @Test
  void thePooledTopicHasTheConfiguredReplicationMinInsyncReplicasAndRetention() throws Exception {
    String topic = "canopy-events";
    try (Admin admin =
        Admin.create(
            KafkaClients.admin(
                LocalStackExtension.stack().layout(), LocalStackExtension.stack().ports()))) {
      TopicDescription description =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
      Config config =
          admin
              .describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
              .all()
              .get()
              .values()
              .iterator()
              .next();

      assertThat(description.partitions()).isNotEmpty();
      assertThat(description.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(1));
      ConfigEntry minInsync = config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
      assertThat(minInsync.value()).isEqualTo("1");
      assertThat(minInsync.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
      ConfigEntry retention = config.get(TopicConfig.RETENTION_MS_CONFIG);
      assertThat(retention.value()).isEqualTo(Long.toString(24L * 3600 * 1000));
      assertThat(retention.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
    }
  }
}
