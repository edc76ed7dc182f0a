package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a tenant's key may not do in Druid, with requests Druid would otherwise accept: read the
 * {@code sys} tables, submit a supervisor or a task (which would skip the spec validator and the
 * PII policy), sample raw Kafka records, change load rules or lookups. And without a credential,
 * every one of them, queries included, is a 401 with a challenge.
 */
@ExtendWith(LocalStackExtension.class)
class TenantDruidPrivilegesIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static DruidAs tenant;

  /** Path → body of each write, each one valid: the operator's own supervisor spec, for one. */
  private static final Map<String, String> WRITES = new LinkedHashMap<>();

  @BeforeAll
  static void aTenantWithAQueryKeyAndValidWrites() {
    String slug = "priv-" + UUID.randomUUID().toString().substring(0, 6);
    tenant = DruidAs.bearer(AdminApi.operator().tenantWithKey(slug, null, "query"));

    JsonNode supervisor =
        AdminApi.druid(LocalStackExtension.stack().ports().routerUrl())
            .call("GET", "/druid/indexer/v1/supervisor/events", null, 200);
    ObjectNode sampler = JSON.createObjectNode().put("type", "kafka");
    sampler.set("spec", supervisor);
    sampler.putObject("samplerConfig").put("numRows", 5).put("timeoutMs", 5000);
    WRITES.put("/druid/indexer/v1/supervisor", supervisor.toString());
    WRITES.put("/druid/indexer/v1/task", inlineTask());
    WRITES.put("/druid/indexer/v1/sampler", sampler.toString());
    WRITES.put("/druid/coordinator/v1/rules/events", "[{\"type\":\"loadForever\"}]");
    WRITES.put("/druid/coordinator/v1/lookups/config", "{}");
  }

  /** A batch task that would append one row of another tenant's to the pooled datasource. */
  private static String inlineTask() {
    return "{\"type\":\"index_parallel\",\"spec\":{\"dataSchema\":{\"dataSource\":\"events\","
        + "\"timestampSpec\":{\"column\":\"ts\",\"format\":\"iso\"},"
        + "\"dimensionsSpec\":{\"dimensions\":[\"tenant\"]},"
        + "\"granularitySpec\":{\"segmentGranularity\":\"day\",\"queryGranularity\":\"minute\","
        + "\"rollup\":false}},\"ioConfig\":{\"type\":\"index_parallel\",\"inputSource\":"
        + "{\"type\":\"inline\",\"data\":\"{\\\"ts\\\":\\\"2020-01-01T00:00:00Z\\\","
        + "\\\"tenant\\\":\\\"someone-else\\\"}\"},\"inputFormat\":{\"type\":\"json\"},"
        + "\"appendToExisting\":true}}}";
  }

  @Test
  void systemTablesAreNotATenantsToRead() {
    for (String sql :
        List.of("SELECT COUNT(*) AS n FROM sys.segments", "SELECT COUNT(*) AS n FROM sys.tasks")) {
      DruidAs.Answer answer = tenant.sql(sql);
      // a tenant does not even see the sys schema: 400 "not found" (or 403), never a row
      assertThat(answer.status()).as(sql + " " + answer.body()).isIn(400, 403);
      assertThat(answer.body().isArray()).isFalse();
    }
  }

  @Test
  void everyWriteIsRefusedWith403AndChangesNothing() {
    for (Map.Entry<String, String> write : WRITES.entrySet()) {
      DruidAs.Answer answer = tenant.post(write.getKey(), write.getValue());
      assertThat(answer.status()).as(write.getKey() + " " + answer.body()).isEqualTo(403);
      // no task or supervisor id, no sampled row
      assertThat(answer.body().toString()).doesNotContain("\"task\"", "\"id\"", "\"data\"");
    }
  }

  @Test
  void withoutACredentialEveryPathIs401WithAChallenge() {
    Map<String, String> calls = new LinkedHashMap<>(WRITES);
    calls.put("/druid/v2/sql", "{\"query\":\"SELECT COUNT(*) AS n FROM events\"}");
    calls.put(
        "/druid/v2",
        "{\"queryType\":\"timeseries\",\"dataSource\":\"events\",\"intervals\":[\"2000/3000\"],"
            + "\"granularity\":\"all\",\"aggregations\":[{\"type\":\"count\",\"name\":\"n\"}]}");
    DruidAs anonymous = DruidAs.anonymous();
    for (Map.Entry<String, String> call : calls.entrySet()) {
      DruidAs.Answer answer = anonymous.post(call.getKey(), call.getValue());
      assertThat(answer.status()).as(call.getKey() + " " + answer.body()).isEqualTo(401);
      assertThat(answer.challenge()).as(call.getKey()).startsWith("Basic");
    }
    for (String sql :
        List.of(
            "SELECT COUNT(*) AS n FROM sys.segments",
            "SELECT COUNT(*) AS n FROM sys.tasks",
            "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES")) {
      assertThat(anonymous.sql(sql).status()).as(sql).isEqualTo(401);
    }
  }
}
