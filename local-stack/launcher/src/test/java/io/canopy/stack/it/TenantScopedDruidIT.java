package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.DruidSql;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Druid itself scopes every query to the caller's tenant (Canopy's authenticator and authorizer in
 * Druid): two pooled tenants A and B with rows of their own; with A's key, through the SQL API,
 * Avatica JDBC and the native API, no query returns one row of B's, whatever it says, and A sees
 * exactly what it sent. Asserted on the rows, not only on statuses.
 */
@ExtendWith(LocalStackExtension.class)
class TenantScopedDruidIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(90);
  private static final int A_EVENTS = 7;
  private static final int B_EVENTS = 5;

  private static String a;
  private static String b;
  private static String keyA;
  private static String keyB;

  @BeforeAll
  static void twoTenantsWithRows() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    a = "scope-a-" + run;
    b = "scope-b-" + run;
    keyA = tenantWithKey(a);
    keyB = tenantWithKey(b);
    send(keyA, A_EVENTS);
    send(keyB, B_EVENTS);
    String broker = LocalStackExtension.stack().ports().brokerUrl();
    for (String[] t : new String[][] {{a, "" + A_EVENTS}, {b, "" + B_EVENTS}}) {
      Await.until(
          VISIBLE_WITHIN,
          () -> DruidSql.sumCount(broker, "tenant = ?", t[0]),
          n -> n == Long.parseLong(t[1]),
          t[1] + " events of " + t[0] + ", as the operator sees them");
    }
  }

  private static String tenantWithKey(String slug) {
    AdminApi admin =
        new AdminApi(
            LocalStackExtension.stack().ports().controlPlaneUrl(),
            LocalStackExtension.operatorToken());
    admin.call("POST", "/v1/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"" + slug + "\"}", 201);
    return admin
        .call("POST", "/v1/tenants/" + slug + "/keys", "{\"scopes\":[\"ingest\",\"query\"]}", 201)
        .get("key")
        .asText();
  }

  private static void send(String key, int n) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(Events.event("page_view", Instant.now(), "scoped"));
    }
    IngestClient.Response r =
        new IngestClient(LocalStackExtension.stack().ports().controlPlaneUrl(), key).post(events);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private record Answer(int status, JsonNode body, String challenge) {}

  private static Answer post(String path, String authorization, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(LocalStackExtension.stack().ports().routerUrl() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json;
    try {
      json = JSON.readTree(r.body());
    } catch (Exception notJson) {
      json = JSON.getNodeFactory().textNode(r.body());
    }
    return new Answer(
        r.statusCode(), json, r.headers().firstValue("WWW-Authenticate").orElse(null));
  }

  private static Answer sqlAsA(String sql) throws Exception {
    return post(
        "/druid/v2/sql", basic(a, keyA), JSON.createObjectNode().put("query", sql).toString());
  }

  /** The rows' {@code n} column, summed; the query must be answered. */
  private static long n(String sql) throws Exception {
    Answer answer = sqlAsA(sql);
    assertThat(answer.status()).as(sql + " " + answer.body()).isEqualTo(200);
    long n = 0;
    for (JsonNode row : answer.body()) {
      n += row.path("n").asLong();
    }
    return n;
  }

  /**
   * Either Druid refused the query (no rows at all), or it answered with A's rows only: never B's
   * slug, and, when {@code expectedN} is not -1, exactly that many events.
   */
  private static void assertNoRowOfB(Answer answer, long expectedN) {
    assertThat(answer.body().toString()).doesNotContain(b);
    if (answer.status() == 200) {
      if (expectedN >= 0) {
        assertThat(answer.body().path(0).path("n").asLong()).isEqualTo(expectedN);
      }
    } else {
      assertThat(answer.body().isArray()).as(answer.body().toString()).isFalse();
    }
  }

  @Test
  void whateverTheSqlSaysATenantSeesExactlyItsOwnRows() throws Exception {
    assertThat(n("SELECT SUM(\"count\") AS n FROM events")).isEqualTo(A_EVENTS);
    assertThat(n("SELECT SUM(\"count\") AS n FROM events WHERE tenant = '" + b + "'")).isZero();
    assertThat(n("SELECT SUM(\"count\") AS n FROM events WHERE tenant = '" + b + "' OR 1=1"))
        .isEqualTo(A_EVENTS);
    // Druid 33 cannot run a UNION ALL over a row-filtered table: refused, no row at all.
    assertNoRowOfB(
        sqlAsA(
            "SELECT SUM(\"count\") AS n FROM (SELECT * FROM events UNION ALL SELECT * FROM events)"),
        2L * A_EVENTS);
    // Druid 33 plans these as joins, which it cannot run over a row-filtered table: refused, or
    // (should it run) no row of B's.
    assertNoRowOfB(
        sqlAsA(
            "SELECT SUM(\"count\") AS n FROM events WHERE tenant IN"
                + " (SELECT tenant FROM events WHERE tenant = '"
                + b
                + "')"),
        0);
    assertNoRowOfB(
        sqlAsA(
            "SELECT COUNT(*) AS n FROM events x JOIN events y ON x.tenant = y.tenant"
                + " WHERE y.tenant = '"
                + b
                + "'"),
        0);
    Answer byTenant = sqlAsA("SELECT tenant, SUM(\"count\") AS n FROM events GROUP BY tenant");
    assertThat(byTenant.body().findValuesAsText("tenant")).containsExactly(a);
  }

  @Test
  void contextOverridesChangeNothing() throws Exception {
    Answer answer =
        post(
            "/druid/v2/sql",
            basic(a, keyA),
            "{\"query\":\"SELECT SUM(\\\"count\\\") AS n FROM events\","
                + "\"context\":{\"useCache\":false,\"populateCache\":false,\"sqlQueryId\":\"x\","
                + "\"enableJoinFilterRewrite\":false}}");
    assertThat(answer.body().path(0).path("n").asLong()).isEqualTo(A_EVENTS);
  }

  @Test
  void avaticaJdbcWithThePreparedStatementOfABiToolSeesOnlyItsTenant() throws Exception {
    Properties who = new Properties();
    who.setProperty("user", a);
    who.setProperty("password", keyA);
    try (Connection c =
            DriverManager.getConnection(LocalStackExtension.stack().ports().avaticaUrl(), who);
        PreparedStatement ps =
            c.prepareStatement("SELECT SUM(\"count\") FROM events WHERE tenant = ? OR 1 = 1")) {
      ps.setString(1, b);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(A_EVENTS);
      }
    }
  }

  @Test
  void nativeQueriesAreScopedTooEvenOnAUnionDatasource() throws Exception {
    String timeseries =
        "{\"queryType\":\"timeseries\",\"dataSource\":\"events\",\"intervals\":[\"2000/3000\"],"
            + "\"granularity\":\"all\",\"aggregations\":[{\"type\":\"longSum\",\"name\":\"n\","
            + "\"fieldName\":\"count\"}]}";
    String groupByUnion =
        "{\"queryType\":\"groupBy\",\"dataSource\":{\"type\":\"union\",\"dataSources\":"
            + "[\"events\",\"events\"]},\"intervals\":[\"2000/3000\"],\"granularity\":\"all\","
            + "\"dimensions\":[\"tenant\"],\"aggregations\":[{\"type\":\"longSum\",\"name\":\"n\","
            + "\"fieldName\":\"count\"}]}";

    Answer ts = post("/druid/v2", "Bearer " + keyA, timeseries);
    Answer gb = post("/druid/v2", "Bearer " + keyA, groupByUnion);

    assertThat(ts.status()).as(ts.body().toString()).isEqualTo(200);
    assertThat(ts.body().path(0).path("result").path("n").asLong()).isEqualTo(A_EVENTS);
    // Druid 33 cannot run a union data source over row-filtered tables: refused, no row at all.
    assertNoRowOfB(gb, -1);
  }

  @Test
  void systemTablesAndWritesAreTheOperatorsAndDruidsOnly() throws Exception {
    for (String sql :
        List.of("SELECT COUNT(*) AS n FROM sys.segments", "SELECT COUNT(*) AS n FROM sys.tasks")) {
      Answer answer = sqlAsA(sql);
      // a tenant does not even see the sys schema: 400 "not found" (or 403), never a row
      assertThat(answer.status()).as(sql + " " + answer.body()).isIn(400, 403);
      assertThat(answer.body().isArray()).isFalse();
    }
    Answer tables =
        sqlAsA("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'druid'");
    assertThat(tables.body().findValuesAsText("TABLE_NAME")).containsExactly("events");

    // Writes: a datasource's load rules (datasource WRITE) and the lookups (CONFIG WRITE).
    Answer rules = post("/druid/coordinator/v1/rules/events", basic(a, keyA), "[]");
    Answer lookups = post("/druid/coordinator/v1/lookups/config", basic(a, keyA), "{}");
    assertThat(rules.status()).as(rules.body().toString()).isEqualTo(403);
    assertThat(lookups.status()).as(lookups.body().toString()).isEqualTo(403);
  }

  @Test
  void noCredentialIs401WithAChallengeAndAnotherTenantsKeySeesItsOwnRows() throws Exception {
    Answer anonymous =
        post("/druid/v2/sql", null, "{\"query\":\"SELECT COUNT(*) AS n FROM events\"}");
    Answer wrong =
        post("/druid/v2/sql", basic(a, keyB), "{\"query\":\"SELECT COUNT(*) AS n FROM events\"}");
    Answer asB =
        post(
            "/druid/v2/sql",
            "Bearer " + keyB,
            "{\"query\":\"SELECT SUM(\\\"count\\\") AS n FROM events\"}");

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.challenge()).startsWith("Basic");
    assertThat(wrong.status()).as("B's key under A's name").isEqualTo(401);
    assertThat(asB.body().path(0).path("n").asLong()).isEqualTo(B_EVENTS);
  }
}
