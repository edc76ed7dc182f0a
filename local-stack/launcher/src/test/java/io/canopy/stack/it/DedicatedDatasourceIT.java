package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.specs.RetentionPreset;
import io.canopy.stack.KafkaClients;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.DruidSql;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A dedicated datasource's whole life on the real stack: created from a preset with an extra
 * dimension, the tenant's events routed to it (not to the pooled datasource), its load rules and
 * compaction in Druid, suspend and resume without losing an event, and deletion erasing it.
 */
@ExtendWith(LocalStackExtension.class)
class DedicatedDatasourceIT {
  private static final Duration WITHIN = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> batch(int size, String plan) {
    List<String> events = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < size; i++) {
      events.add(
          Events.event(
              "click",
              now.minusMillis(i),
              "ded",
              Map.of("user_id", "u" + i, "properties", Map.of("plan", plan))));
    }
    return events;
  }

  /** Events in a datasource matching a filter; -1 while Druid SQL does not know the datasource. */
  private static long count(String datasource, String where, String value) {
    try {
      List<Map<String, Object>> rows =
          DruidSql.query(
              LocalStackExtension.stack().ports().brokerUrl(),
              "SELECT SUM(\"count\") AS n FROM \"" + datasource + "\" WHERE " + where + " = ?",
              value);
      Object n = rows.isEmpty() ? null : rows.get(0).get("n");
      return n == null ? 0 : ((Number) n).longValue();
    } catch (IllegalStateException e) {
      return -1; // a datasource is known to SQL once a task or segment holds rows of it
    }
  }

  @Test
  void createRouteSuspendResumeAndEraseADedicatedDatasource() throws Exception {
    String slug = "ded-" + UUID.randomUUID().toString().substring(0, 8);
    String druidName = slug + "_web";
    var ports = LocalStackExtension.stack().ports();
    AdminApi admin = new AdminApi(ports.controlPlaneUrl(), LocalStackExtension.operatorToken());
    AdminApi coordinator = AdminApi.druid(ports.coordinatorUrl());
    admin.call("POST", "/v1/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"Dedicated\"}", 201);
    String key =
        admin
            .call("POST", "/v1/tenants/" + slug + "/keys", "{\"scopes\":[\"ingest\"]}", 201)
            .get("key")
            .asText();
    IngestClient client = new IngestClient(ports.controlPlaneUrl(), key);

    JsonNode created =
        admin.call(
            "POST",
            "/v1/tenants/" + slug + "/datasources",
            "{\"name\":\"web\",\"preset\":\"short\",\"dimensions\":[\"plan\"]}",
            201);
    assertThat(created.get("druidDatasource").asText()).isEqualTo(druidName);
    JsonNode rules = coordinator.call("GET", "/druid/coordinator/v1/rules/" + druidName, null, 200);
    JsonNode preset = JSON.readTree(RetentionPreset.SHORT.loadRules());
    assertThat(rules.size()).isEqualTo(preset.size());
    for (int i = 0; i < preset.size(); i++) {
      for (String field : List.of("type", "period", "tieredReplicants")) {
        assertThat(rules.get(i).path(field))
            .as("rule %d %s", i, field)
            .isEqualTo(preset.get(i).path(field));
      }
    }
    coordinator.call("GET", "/druid/coordinator/v1/config/compaction/" + druidName, null, 200);
    // Before its first event Druid SQL knows no such table: the status says no events, not 503.
    JsonNode before = admin.call("GET", "/v1/tenants/" + slug + "/datasources/web", null, 200);
    assertThat(before.at("/live/events").asLong()).isZero();

    assertThat(client.post(batch(20, "pro")).status()).isEqualTo(200);
    Await.until(
        WITHIN, () -> count(druidName, "plan", "pro"), n -> n == 20, "20 events in " + druidName);
    assertThat(count("events", "tenant", slug)).isLessThanOrEqualTo(0); // nothing in the pool
    JsonNode live = admin.call("GET", "/v1/tenants/" + slug + "/datasources/web", null, 200);
    assertThat(live.at("/live/supervisorState").asText()).isEqualTo("RUNNING");
    assertThat(live.at("/live/events").asLong()).isEqualTo(20);
    assertThat(live.at("/live/newestEvent").asText()).isNotEmpty();

    admin.call("POST", "/v1/tenants/" + slug + "/datasources/web/suspend", null, 200);
    assertThat(client.post(batch(7, "team")).status()).isEqualTo(200); // waits in Kafka
    // A datasource made by an earlier version runs an earlier spec (before Kafka logins, say):
    // provisioning brings it to the current one, and a suspended one stays suspended.
    String supervisor = "/druid/indexer/v1/supervisor/" + druidName;
    JsonNode earlier = coordinator.call("GET", supervisor, null, 200);
    ((com.fasterxml.jackson.databind.node.ObjectNode) earlier.path("context"))
        .put("canopySpecFingerprint", "an-earlier-spec");
    coordinator.call("POST", "/druid/indexer/v1/supervisor", earlier.toString(), 200);
    // ... and its topic's retention may be another than kafka.eventsRetentionHours now says.
    ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "canopy-" + slug + "-web");
    try (Admin kafka =
        Admin.create(KafkaClients.admin(LocalStackExtension.stack().layout(), ports))) {
      kafka
          .incrementalAlterConfigs(
              Map.of(
                  topic,
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "3600000"),
                          AlterConfigOp.OpType.SET))))
          .all()
          .get();
      assertThat(DruidProvisioningIT.ensureIngestion())
          .containsPattern("dedicated supervisors brought to the current spec: 1\\b")
          .doesNotContain("failed");
      assertThat(
              kafka
                  .describeConfigs(List.of(topic))
                  .all()
                  .get()
                  .get(topic)
                  .get(TopicConfig.RETENTION_MS_CONFIG)
                  .value())
          .isEqualTo(Long.toString(24L * 3600 * 1000));
    }
    JsonNode current = coordinator.call("GET", supervisor, null, 200);
    assertThat(current.at("/context/canopySpecFingerprint").asText())
        .isNotEqualTo("an-earlier-spec");
    assertThat(current.path("suspended").asBoolean()).isTrue();
    Await.until(
        WITHIN,
        () ->
            coordinator
                .call("GET", supervisor + "/status", null, 200)
                .at("/payload/state")
                .asText(),
        "SUSPENDED"::equals,
        "the re-posted supervisor suspended, as its tenant left it");
    admin.call("POST", "/v1/tenants/" + slug + "/datasources/web/resume", null, 200);
    Await.until(
        WITHIN, () -> count(druidName, "plan", "team"), n -> n == 7, "7 events after resume");

    // Accepted at once (202, "deleting"); a background job erases it, then it is gone (404).
    JsonNode deleting = admin.call("DELETE", "/v1/tenants/" + slug + "/datasources/web", null, 202);
    assertThat(deleting.get("status").asText()).isEqualTo("deleting");
    Await.until(
        WITHIN,
        () -> admin.status("GET", "/v1/tenants/" + slug + "/datasources/web"),
        status -> status == 404,
        "the datasource deleted by the background job");
    Await.until(
        WITHIN,
        () -> count(druidName, "plan", "pro") + count(druidName, "plan", "team"),
        n -> n <= 0,
        druidName + " no longer queryable");
    assertThat(coordinator.call("GET", "/druid/coordinator/v1/datasources", null, 200).toString())
        .doesNotContain("\"" + druidName + "\"");
    assertThat(coordinator.call("GET", "/druid/indexer/v1/supervisor", null, 200).toString())
        .doesNotContain("\"" + druidName + "\""); // the overlord runs in the coordinator
    assertThat(admin.call("GET", "/v1/tenants/" + slug + "/datasources", null, 200).get("items"))
        .isEmpty();
    assertThat(client.post(batch(3, "free")).status()).isEqualTo(200);
    Await.until(
        WITHIN,
        () -> count("events", "tenant", slug),
        n -> n == 3,
        "events routed back to the pooled datasource");
  }

  @Test
  void thawLoadsAColdIntervalBackAndTheExpiryUnloadsIt() throws Exception {
    String slug = archiveTenant("thaw");
    String druidName = slug + "_archive";
    AdminApi admin = operator();
    AdminApi druid = AdminApi.druid(LocalStackExtension.stack().ports().coordinatorUrl());
    // Old data can't come through the ingest API (7 days at most): a batch task writes a day
    // 30 days back straight into Druid, where the "short" preset leaves it cold.
    LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(30);
    writeOldDay(druid, druidName, day);
    String interval = day + "/" + day.plusDays(1);
    assertThat(segments(druidName, "is_available = 1")).isZero();

    JsonNode thaw =
        admin.call(
            "POST",
            "/v1/tenants/" + slug + "/datasources/archive/thaw",
            "{\"interval\":\"" + interval + "\",\"duration\":\"PT1M\"}",
            202);
    assertThat(thaw.get("expired").asBoolean()).isFalse();
    String thaws = "/v1/tenants/" + slug + "/datasources/archive/thaw";
    Await.until(
        WITHIN,
        () -> admin.call("GET", thaws, null, 200).at("/items/0"),
        t ->
            t.get("segments").asInt() > 0
                && t.get("segmentsLoaded").asInt() == t.get("segments").asInt(),
        "the thawed interval loaded");
    Await.until(WITHIN, () -> count(druidName, "event", "old"), n -> n == 5, "the old events");

    Await.until(
        Duration.ofMinutes(3),
        () -> admin.call("GET", thaws, null, 200).at("/items/0/expired").asBoolean(),
        expired -> expired,
        "the thaw to expire");
    Await.until(
        WITHIN,
        () -> segments(druidName, "is_available = 1"),
        n -> n == 0,
        "the interval unloaded again");
    admin.call("DELETE", "/v1/tenants/" + slug + "/datasources/archive", null, 202);
  }

  @Test
  void retentionDeletesFromDeepStorageWhatThePresetNoLongerKeeps() throws Exception {
    String slug = archiveTenant("ret");
    String druidName = slug + "_archive";
    AdminApi admin = operator();
    AdminApi druid = AdminApi.druid(LocalStackExtension.stack().ports().coordinatorUrl());
    // "short" keeps 90 days in deep storage: a day 100 days back is past it, 30 days back is not.
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    LocalDate expired = today.minusDays(100);
    LocalDate kept = today.minusDays(30);
    writeOldDay(druid, druidName, expired);
    writeOldDay(druid, druidName, kept);

    // The retention job (every 10 s on the local stack) marks it unused, and its kill task
    // deletes it: then the metadata store knows no segment of that day, used or unused.
    String expiredDay = expired + "/" + expired.plusDays(1);
    Await.until(
        WITHIN,
        () ->
            segmentIds(druid, druidName, expiredDay, true)
                + segmentIds(druid, druidName, expiredDay, false),
        n -> n == 0,
        "the day 100 days back deleted");
    assertThat(segmentIds(druid, druidName, kept + "/" + kept.plusDays(1), true)).isPositive();
    admin.call("DELETE", "/v1/tenants/" + slug + "/datasources/archive", null, 202);
  }

  private static AdminApi operator() {
    return new AdminApi(
        LocalStackExtension.stack().ports().controlPlaneUrl(), LocalStackExtension.operatorToken());
  }

  /** A new tenant with a dedicated datasource {@code archive} on the "short" preset; its slug. */
  private static String archiveTenant(String prefix) {
    String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    operator().call("POST", "/v1/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"Archive\"}", 201);
    operator()
        .call(
            "POST",
            "/v1/tenants/" + slug + "/datasources",
            "{\"name\":\"archive\",\"preset\":\"short\"}",
            201);
    return slug;
  }

  /** Segments of a datasource in an interval that the metadata store holds as used or unused. */
  private static int segmentIds(AdminApi druid, String datasource, String interval, boolean used) {
    String base = "/druid/coordinator/v1/metadata/datasources/" + datasource;
    JsonNode ids =
        used
            ? druid.call("POST", base + "/segments", "[\"" + interval + "\"]", 200)
            : druid.call("GET", base + "/unusedSegments?interval=" + interval, null, 200);
    return ids.size();
  }

  /** Writes 5 events into one day of the datasource with a batch task, and awaits its success. */
  private static void writeOldDay(AdminApi druid, String datasource, LocalDate day) {
    String task =
        druid
            .call("POST", "/druid/indexer/v1/task", oldDayTask(datasource, day), 200)
            .get("task")
            .asText();
    Await.until(
        WITHIN,
        () ->
            druid
                .call("GET", "/druid/indexer/v1/task/" + task + "/status", null, 200)
                .at("/status/status")
                .asText(),
        "SUCCESS"::equals,
        "the batch task for " + day);
  }

  private static long segments(String datasource, String condition) {
    List<Map<String, Object>> rows =
        DruidSql.query(
            LocalStackExtension.stack().ports().brokerUrl(),
            "SELECT COUNT(*) AS n FROM sys.segments WHERE datasource = ? AND is_published = 1 AND "
                + condition,
            datasource);
    return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("n")).longValue();
  }

  private static String oldDayTask(String datasource, LocalDate day) {
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      data.append("{\"timestamp\":\"").append(day).append("T0").append(i).append(":00:00Z\",");
      data.append("\"event\":\"old\"}\n");
    }
    return """
        {"type": "index_parallel", "spec": {
          "dataSchema": {"dataSource": "%s",
            "timestampSpec": {"column": "timestamp", "format": "iso"},
            "dimensionsSpec": {"dimensions": ["event"]},
            "metricsSpec": [{"type": "count", "name": "count"}],
            "granularitySpec": {"segmentGranularity": "DAY", "queryGranularity": "HOUR",
              "rollup": true, "intervals": ["%s/%s"]}},
          "ioConfig": {"type": "index_parallel", "appendToExisting": true,
            "inputSource": {"type": "inline", "data": %s}, "inputFormat": {"type": "json"}},
          "tuningConfig": {"type": "index_parallel", "maxNumConcurrentSubTasks": 1}}}
        """
        .formatted(datasource, day, day.plusDays(1), JSON.valueToTree(data.toString()));
  }
}
