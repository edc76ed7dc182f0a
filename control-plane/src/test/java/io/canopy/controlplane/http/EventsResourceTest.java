package io.canopy.controlplane.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.controlplane.CanopyApplication;
import io.canopy.controlplane.PostgresExtension;
import io.canopy.controlplane.TestTenants;
import io.canopy.controlplane.auth.ApiKeys;
import io.canopy.controlplane.config.CanopyConfiguration;
import io.canopy.controlplane.tenant.db.TenantDao;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /v1/events} on the real application with a real PostgreSQL, and Kafka unreachable:
 * every status code the endpoint can answer, each with a JSON body.
 */
class EventsResourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path KEY_FILE = tempKeyFile();

  @RegisterExtension
  @Order(1)
  static final PostgresExtension POSTGRES = new PostgresExtension();

  @RegisterExtension
  @Order(2)
  static final DropwizardAppExtension<CanopyConfiguration> APP =
      new DropwizardAppExtension<>(
          CanopyApplication.class,
          ResourceHelpers.resourceFilePath("test-config.yml"),
          ConfigOverride.config("database.url", () -> POSTGRES.pg().jdbcUrl()),
          ConfigOverride.config("database.password", () -> POSTGRES.pg().password()),
          ConfigOverride.config("bootstrap.apiKeyFile", KEY_FILE.toString()));

  private static String defaultKey;
  private static TenantDao tenants;

  @BeforeAll
  static void readDefaultKey() throws Exception {
    defaultKey = Files.readString(KEY_FILE).trim();
    Jdbi jdbi =
        Jdbi.create(POSTGRES.pg().jdbcUrl(), POSTGRES.pg().user(), POSTGRES.pg().password());
    jdbi.installPlugin(new SqlObjectPlugin());
    tenants = jdbi.onDemand(TenantDao.class);
  }

  private static Path tempKeyFile() {
    try {
      return Files.createTempDirectory("canopy-test-").resolve("default-api-key");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Invocation.Builder events(String key) {
    Invocation.Builder b =
        APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/v1/events").request();
    return key == null ? b : b.header("Authorization", "Bearer " + key);
  }

  private static String event() {
    return "{\"event\":\"page_view\",\"timestamp\":\"" + Instant.now() + "\"}";
  }

  private static JsonNode body(Response r) throws Exception {
    return JSON.readTree(r.readEntity(String.class));
  }

  @Test
  void firstStartCreatedTheDefaultTenantAndWroteItsKeyOnceWithOwnerOnlyAccess() throws Exception {
    assertThat(defaultKey).matches("cnp_[0-9A-Za-z]{12}_[0-9A-Za-z]{40}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(KEY_FILE)))
        .isEqualTo("rw-------");
    assertThat(tenants.findBySlug("default")).isPresent();
  }

  @Test
  void kafkaUnreachableIs503WithNothingAccepted() throws Exception {
    Response r = events(defaultKey).post(Entity.json("[" + event() + "," + event() + "]"));

    assertThat(r.getStatus()).isEqualTo(503);
    assertThat(r.getHeaderString("Retry-After")).isEqualTo("5");
    JsonNode b = body(r);
    assertThat(b.get("accepted").asInt()).isZero();
    assertThat(b.get("error").asText()).contains("retry the whole batch");
  }

  @Test
  void missingUnknownOrRevokedKeysAre401() throws Exception {
    String revoked = TestTenants.createWithKey(tenants, "revoked-co", "ingest");
    tenants.apiKeys().revokeAll(tenants.findBySlug("revoked-co").orElseThrow().id());

    for (String key : new String[] {null, "nonsense", ApiKeys.generate().key(), revoked}) {
      Response r = events(key).post(Entity.json("[" + event() + "]"));
      assertThat(r.getStatus()).as("key %s", key).isEqualTo(401);
      assertThat(body(r).get("error").asText()).contains("Authorization: Bearer");
    }
  }

  @Test
  void aKeyWithoutTheIngestScopeIs403() throws Exception {
    String readOnly = TestTenants.createWithKey(tenants, "reader-co", "query");

    Response r = events(readOnly).post(Entity.json("[" + event() + "]"));

    assertThat(r.getStatus()).isEqualTo(403);
    assertThat(body(r).get("error").asText()).contains("no 'ingest' scope");
  }

  @Test
  void malformedBodyIs400NamingTheProblem() throws Exception {
    Response r = events(defaultKey).post(Entity.json("[{\"event\": }]"));

    assertThat(r.getStatus()).isEqualTo(400);
    assertThat(body(r).get("error").asText()).startsWith("malformed JSON at line 1");
  }

  @Test
  void overTheBatchOrBodyLimitIs413() throws Exception {
    String six = "[" + String.join(",", java.util.Collections.nCopies(6, event())) + "]";
    Response tooMany = events(defaultKey).post(Entity.json(six));
    String big = "[{\"event\":\"x\",\"page\":\"" + "p".repeat(5000) + "\"}]";
    Response tooBig = events(defaultKey).post(Entity.json(big));

    assertThat(tooMany.getStatus()).isEqualTo(413);
    assertThat(body(tooMany).get("error").asText()).isEqualTo("a batch holds at most 5 events");
    assertThat(tooBig.getStatus()).isEqualTo(413);
    assertThat(body(tooBig).get("error").asText()).contains("larger than 4096 bytes");
  }

  @Test
  void otherContentTypesAre415() throws Exception {
    Response r = events(defaultKey).post(Entity.text("[" + event() + "]"));

    assertThat(r.getStatus()).isEqualTo(415);
    assertThat(body(r).get("error").asText()).contains("application/x-ndjson");
  }

  @Test
  void aBatchWhoseEventsAreAllInvalidIs422WithEachRejection() throws Exception {
    Response r =
        events(defaultKey)
            .post(
                Entity.entity(
                    "{\"event\":\"x\"}\n{\"timestamp\":\"" + Instant.now() + "\"}",
                    "application/x-ndjson"));

    assertThat(r.getStatus()).isEqualTo(422);
    JsonNode b = body(r);
    assertThat(b.get("accepted").asInt()).isZero();
    assertThat(b.get("rejected").get(0).get("index").asInt()).isZero();
    assertThat(b.get("rejected").get(0).get("field").asText()).isEqualTo("timestamp");
    assertThat(b.get("rejected").get(1).get("field").asText()).isEqualTo("event");
  }

  @Test
  void gzipBodiesAreDecoded() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(buf)) {
      gz.write("[{\"event\":\"x\"}]".getBytes(StandardCharsets.UTF_8));
    }
    Response r =
        events(defaultKey)
            .header("Content-Encoding", "gzip")
            .post(Entity.entity(buf.toByteArray(), "application/json"));

    JsonNode b = body(r);
    assertThat(r.getStatus()).as(b.toString()).isEqualTo(422);
    assertThat(b.get("rejected").get(0).get("field").asText()).isEqualTo("timestamp");
  }

  @Test
  void unknownPathsAnswerJson() throws Exception {
    Response r =
        APP.client().target("http://127.0.0.1:" + APP.getLocalPort() + "/v1/nope").request().get();

    assertThat(r.getStatus()).isEqualTo(404);
    assertThat(body(r).get("error").asText()).isNotBlank();
  }
}
