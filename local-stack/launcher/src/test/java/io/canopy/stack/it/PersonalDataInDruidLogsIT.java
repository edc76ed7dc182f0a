package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.KafkaClients;
import io.canopy.stack.Secrets;
import io.canopy.stack.Stack;
import io.canopy.stack.client.IngestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A tenant puts an e-mail and an IP address in its queries by every path there is — the query API,
 * {@code /v1/sql}, Druid SQL, a native query and Avatica JDBC — and in the events it sends.
 * Afterwards no log of the stack (every service's, Druid's request log, the ingestion tasks') holds
 * either value or the tenant's key; Druid's request log holds the values' digests, which shows the
 * queries were logged at all.
 */
@ExtendWith(LocalStackExtension.class)
class PersonalDataInDruidLogsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void noStackLogKeepsAValueAQueryComparedWith() throws Exception {
    Stack stack = LocalStackExtension.stack();
    String run = UUID.randomUUID().toString().substring(0, 8);
    String slug = "pii-logs-" + run;
    String key = AdminApi.operator().tenantWithKey(slug, null, "ingest", "query");
    String email = "pat.lee." + run + "@example.org";
    int n = Integer.parseInt(run.substring(0, 4), 16);
    String ip = "198.18." + (n >> 8) + "." + (n & 0xff);
    String page = "/u/" + email;

    IngestClient ingest = new IngestClient(stack.ports().controlPlaneUrl(), key);
    IngestClient.Response sent =
        ingest.post(
            List.of(
                Events.event(
                    "page_view",
                    Instant.now(),
                    "pii",
                    Map.of("page", page, "referrer", ip, "user_id", email, "ip", ip))));
    assertThat(sent.status()).as(sent.body()).isEqualTo(200);
    IngestClient.Response refused =
        ingest.post(List.of("{\"event\":\"page_view\",\"timestamp\":\"" + email + "\"}"));
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);

    // Druid knows the events table once the tenant's event is in it.
    DruidAs tenant = DruidAs.basic(slug, key);
    Await.until(
        Duration.ofSeconds(120),
        () -> tenant.sql("SELECT COUNT(*) AS n FROM events").body().path(0).path("n").asLong(),
        rows -> rows == 1,
        "the tenant's event, queryable");

    AdminApi api = AdminApi.controlPlane(key);
    api.call(
        "POST",
        "/v1/query",
        JSON.writeValueAsString(
            Map.of(
                "measures", List.of("page_views"),
                "filter",
                    Map.of(
                        "type",
                        "or",
                        "filters",
                        List.of(
                            Map.of("type", "equals", "dimension", "page", "value", page),
                            Map.of("type", "equals", "dimension", "referrer", "value", ip))),
                "range", Map.of("relative", "last 1h"))),
        200);
    String where = " WHERE page = '" + page + "' OR referrer = '" + ip + "'";
    api.call(
        "POST",
        "/v1/sql",
        JSON.writeValueAsString(Map.of("query", "SELECT COUNT(*) AS n FROM events" + where)),
        200);
    assertThat(tenant.sql("SELECT COUNT(*) AS n FROM events" + where).status()).isEqualTo(200);
    DruidAs.Answer nativeQuery =
        tenant.post(
            "/druid/v2",
            "{\"queryType\":\"timeseries\",\"dataSource\":\"events\",\"intervals\":[\"2000/3000\"],"
                + "\"granularity\":\"all\",\"aggregations\":[{\"type\":\"count\",\"name\":\"n\"}],"
                + "\"filter\":{\"type\":\"or\",\"fields\":[{\"type\":\"selector\",\"dimension\":\"page\","
                + "\"value\":\""
                + page
                + "\"},{\"type\":\"in\",\"dimension\":\"referrer\",\"values\":[\""
                + ip
                + "\"]}]}}");
    assertThat(nativeQuery.status()).as(nativeQuery.body().toString()).isEqualTo(200);
    try (Connection c = AvaticaJdbc.connect(slug, key);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT COUNT(*) FROM events WHERE page = '" + page + "' OR referrer = ?")) {
      ps.setString(1, ip);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
      }
    }
    // Every query path ends in the broker's request log; /v1/query's values are parameters, so
    // only its native query shows them.
    String emailDigest = DruidRequestLog.digest(page);
    Await.until(
        Duration.ofSeconds(30),
        () -> DruidRequestLog.linesWith(emailDigest).size(),
        lines -> lines >= 4,
        "the tenant's queries in Druid's request log, its page filter as a digest");

    List<Path> logs = new ArrayList<>(files(stack.layout().logs()));
    logs.addAll(files(stack.layout().data("druid").resolve("indexing-logs")));
    // The Kafka logins' passwords, which the broker, Druid and the control plane all hold, too.
    Secrets secrets = new Secrets(stack.layout().secrets());
    Map<String, String> kafkaPasswords = new LinkedHashMap<>();
    for (String user :
        List.of(KafkaClients.ADMIN, KafkaClients.CONTROL_PLANE, KafkaClients.DRUID)) {
      kafkaPasswords.put(secrets.kafkaPassword(user), "Kafka's password of " + user);
    }
    List<String> found = new ArrayList<>();
    for (Path log : logs) {
      String text = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
      for (String secret : List.of(email, ip, key)) {
        if (text.contains(secret)) {
          found.add(log.getFileName() + " holds " + (secret.equals(key) ? "the key" : secret));
        }
      }
      kafkaPasswords.forEach(
          (password, whose) -> {
            if (text.contains(password)) {
              found.add(log.getFileName() + " holds " + whose);
            }
          });
    }
    assertThat(logs).hasSizeGreaterThan(5);
    assertThat(found).isEmpty();
  }

  private static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
