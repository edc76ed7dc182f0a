package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.stack.client.IngestClient;
import io.canopy.stack.druid.DruidSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Druid itself scopes every query to the caller's tenant (Canopy's authenticator and authorizer in
 * Druid): two pooled tenants A and B with rows of their own, and a dedicated datasource of B's;
 * with A's key, through the SQL API, Avatica JDBC and the native API, no query returns one row of
 * B's, whatever it says, and A sees exactly what it sent. Asserted on the rows, not only on
 * statuses.
 */
@ExtendWith(LocalStackExtension.class)
class TenantScopedDruidIT {
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(120);
  private static final int A_EVENTS = 7;
  private static final int B_EVENTS = 5;
  private static final int B_DEDICATED_EVENTS = 4;

  private static String a;
  private static String b;
  private static String keyA;
  private static String keyB;
  private static String bDedicated;
  private static DruidAs asA;

  @BeforeAll
  static void twoTenantsWithRowsAndADedicatedDatasourceOfB() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    a = "scope-a-" + run;
    b = "scope-b-" + run;
    keyA = AdminApi.operator().tenantWithKey(a, null, "ingest", "query");
    keyB = AdminApi.operator().tenantWithKey(b, null, "ingest", "query");
    asA = DruidAs.basic(a, keyA);
    send(keyA, A_EVENTS);
    send(keyB, B_EVENTS);
    for (String[] t : new String[][] {{a, "" + A_EVENTS}, {b, "" + B_EVENTS}}) {
      Await.until(
          VISIBLE_WITHIN,
          () -> count("events", "tenant", t[0]),
          n -> n == Long.parseLong(t[1]),
          t[1] + " events of " + t[0] + ", as the operator sees them");
    }
    // From now on B's events go to its dedicated datasource; its pooled rows stay where they are.
    AdminApi.operator()
        .call(
            "POST",
            "/v1/tenants/" + b + "/datasources",
            "{\"name\":\"web\",\"preset\":\"short\"}",
            201);
    bDedicated = b + "_web";
    send(keyB, B_DEDICATED_EVENTS);
    Await.until(
        VISIBLE_WITHIN,
        () -> count(bDedicated, "tenant", b),
        n -> n == B_DEDICATED_EVENTS,
        B_DEDICATED_EVENTS + " events in " + bDedicated + ", as the operator sees them");
  }

  /** Frees the dedicated datasource's task slot for the other tests. */
  @AfterAll
  static void deleteTheDedicatedDatasource() {
    AdminApi.operator().call("DELETE", "/v1/tenants/" + b + "/datasources/web", null, 202);
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

  /** Events in a datasource, as the operator counts them; -1 while Druid SQL has no such table. */
  private static long count(String datasource, String column, String value) {
    try {
      var rows =
          DruidSql.query(
              LocalStackExtension.stack().ports().brokerUrl(),
              "SELECT SUM(\"count\") AS n FROM \"" + datasource + "\" WHERE " + column + " = ?",
              value);
      Object n = rows.isEmpty() ? null : rows.get(0).get("n");
      return n == null ? 0 : ((Number) n).longValue();
    } catch (IllegalStateException e) {
      return -1;
    }
  }

  /** The rows' {@code n} column, summed; the query must be answered. */
  private static long n(String sql) {
    DruidAs.Answer answer = asA.sql(sql);
    assertThat(answer.status()).as(sql + " " + answer.body()).isEqualTo(200);
    return answer.n();
  }

  /**
   * Either Druid refused the query (no rows at all), or it answered with A's rows only: never B's
   * slug, and, when {@code expectedN} is not -1, exactly that many events.
   */
  private static void assertNoRowOfB(DruidAs.Answer answer, long expectedN) {
    assertThat(answer.body().toString()).doesNotContain(b);
    if (answer.status() == 200) {
      if (expectedN >= 0) {
        assertThat(answer.n()).isEqualTo(expectedN);
      }
    } else {
      assertThat(answer.body().isArray()).as(answer.body().toString()).isFalse();
    }
  }

  /** A refusal: a 4xx with no rows (Druid answers 403, or 400 for a table it will not name). */
  private static void assertRefused(DruidAs.Answer answer) {
    assertThat(answer.status()).as(answer.body().toString()).isIn(400, 403);
    assertThat(answer.body().isArray()).isFalse();
  }

  @Test
  void whateverTheSqlSaysATenantSeesExactlyItsOwnRows() {
    assertThat(n("SELECT SUM(\"count\") AS n FROM events")).isEqualTo(A_EVENTS);
    assertThat(n("SELECT SUM(\"count\") AS n FROM events WHERE tenant = '" + b + "'")).isZero();
    assertThat(n("SELECT SUM(\"count\") AS n FROM events WHERE tenant = '" + b + "' OR 1=1"))
        .isEqualTo(A_EVENTS);
    // Druid 33 cannot run a UNION ALL over a row-filtered table: refused, no row at all.
    assertNoRowOfB(
        asA.sql(
            "SELECT SUM(\"count\") AS n FROM (SELECT * FROM events UNION ALL SELECT * FROM events)"),
        2L * A_EVENTS);
    // Druid 33 plans these as joins, which it cannot run over a row-filtered table: refused, or
    // (should it run) no row of B's.
    assertNoRowOfB(
        asA.sql(
            "SELECT SUM(\"count\") AS n FROM events WHERE tenant IN"
                + " (SELECT tenant FROM events WHERE tenant = '"
                + b
                + "')"),
        0);
    assertNoRowOfB(
        asA.sql(
            "SELECT COUNT(*) AS n FROM events x JOIN events y ON x.tenant = y.tenant"
                + " WHERE y.tenant = '"
                + b
                + "'"),
        0);
    DruidAs.Answer byTenant =
        asA.sql("SELECT tenant, SUM(\"count\") AS n FROM events GROUP BY tenant");
    assertThat(byTenant.body().findValuesAsText("tenant")).containsExactly(a);
  }

  @Test
  void contextOverridesChangeNothing() {
    DruidAs.Answer answer =
        asA.post(
            "/druid/v2/sql",
            "{\"query\":\"SELECT SUM(\\\"count\\\") AS n FROM events\","
                + "\"context\":{\"useCache\":false,\"populateCache\":false,\"sqlQueryId\":\"x\","
                + "\"enableJoinFilterRewrite\":false}}");
    assertThat(answer.n()).isEqualTo(A_EVENTS);
  }

  @Test
  void avaticaJdbcWithThePreparedStatementOfABiToolSeesOnlyItsTenant() throws SQLException {
    try (Connection c = jdbc(a, keyA);
        PreparedStatement ps =
            c.prepareStatement("SELECT SUM(\"count\") FROM events WHERE tenant = ? OR 1 = 1")) {
      ps.setString(1, b);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(A_EVENTS);
      }
    }
  }

  private static Connection jdbc(String user, String password) throws SQLException {
    return AvaticaJdbc.connect(user, password);
  }

  @Test
  void nativeQueriesAreScopedTooOnUnionQueryAndJoinDatasources() {
    String sum = "\"aggregations\":[{\"type\":\"longSum\",\"name\":\"n\",\"fieldName\":\"count\"}]";
    String all = "\"intervals\":[\"2000/3000\"],\"granularity\":\"all\"";
    String byTenant =
        "{\"queryType\":\"groupBy\",\"dataSource\":\"events\","
            + all
            + ",\"dimensions\":[\"tenant\"],"
            + sum
            + "}";
    DruidAs.Answer timeseries =
        asA.post(
            "/druid/v2",
            "{\"queryType\":\"timeseries\",\"dataSource\":\"events\"," + all + "," + sum + "}");
    DruidAs.Answer overAQuery =
        asA.post(
            "/druid/v2",
            "{\"queryType\":\"groupBy\",\"dataSource\":{\"type\":\"query\",\"query\":"
                + byTenant
                + "},"
                + all
                + ",\"dimensions\":[\"tenant\"],"
                + sum.replace("count", "n")
                + "}");
    DruidAs.Answer union =
        asA.post(
            "/druid/v2",
            byTenant.replace(
                "\"dataSource\":\"events\"",
                "\"dataSource\":{\"type\":\"union\",\"dataSources\":[\"events\",\"events\"]}"));
    DruidAs.Answer join =
        asA.post(
            "/druid/v2",
            byTenant.replace(
                "\"dataSource\":\"events\"",
                "\"dataSource\":{\"type\":\"join\",\"left\":\"events\",\"right\":{\"type\":"
                    + "\"query\",\"query\":"
                    + byTenant
                    + "},\"rightPrefix\":\"r.\",\"condition\":\"tenant == \\\"r.tenant\\\"\","
                    + "\"joinType\":\"INNER\"}"));

    assertThat(timeseries.status()).as(timeseries.body().toString()).isEqualTo(200);
    assertThat(timeseries.body().path(0).path("result").path("n").asLong()).isEqualTo(A_EVENTS);
    assertThat(overAQuery.body().findValuesAsText("tenant")).containsExactly(a);
    assertThat(overAQuery.body().path(0).path("event").path("n").asLong()).isEqualTo(A_EVENTS);
    // Druid 33 cannot run union or join data sources over row-filtered tables: refused, no row.
    for (DruidAs.Answer answer : List.of(union, join)) {
      assertThat(answer.body().toString()).doesNotContain(b);
      if (answer.status() == 200) {
        assertThat(answer.body().findValuesAsText("tenant")).containsOnly(a);
      }
    }
  }

  @Test
  void anotherTenantsDedicatedDatasourceIsRefusedByEveryPathAndNotListed() throws SQLException {
    String sql = "SELECT SUM(\"count\") AS n FROM \"" + bDedicated + "\"";
    assertRefused(asA.sql(sql));
    assertRefused(
        asA.post(
            "/druid/v2",
            "{\"queryType\":\"timeseries\",\"dataSource\":\""
                + bDedicated
                + "\",\"intervals\":[\"2000/3000\"],\"granularity\":\"all\",\"aggregations\":"
                + "[{\"type\":\"count\",\"name\":\"n\"}]}"));
    try (Connection c = jdbc(a, keyA)) {
      assertThatThrownBy(() -> c.prepareStatement(sql).executeQuery())
          .isInstanceOf(SQLException.class);
    }
    String tables = "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'druid'";
    assertThat(asA.sql(tables).body().findValuesAsText("TABLE_NAME")).containsExactly("events");

    // A table A may not read and one that does not exist (a name a letter off B's, which Calcite
    // would suggest) get one answer, by SQL and natively: nothing tells A what exists.
    String missing = bDedicated.substring(0, bDedicated.length() - 1);
    for (String table : List.of(bDedicated, missing)) {
      DruidAs.Answer bySql = asA.sql("SELECT COUNT(*) AS n FROM \"" + table + "\"");
      DruidAs.Answer natively =
          asA.post(
              "/druid/v2",
              "{\"queryType\":\"timeseries\",\"dataSource\":\""
                  + table
                  + "\",\"intervals\":[\"2000/3000\"],\"granularity\":\"all\",\"aggregations\":"
                  + "[{\"type\":\"count\",\"name\":\"n\"}]}");
      for (DruidAs.Answer refused : List.of(bySql, natively)) {
        assertThat(refused.status()).as(table + " " + refused.body()).isEqualTo(403);
        assertThat(refused.body().path("errorMessage").asText())
            .isEqualTo(
                "The query names a table that does not exist or that the caller may not read.");
      }
    }

    // B itself reads its dedicated datasource whole, and lists it.
    DruidAs asB = DruidAs.bearer(keyB);
    assertThat(asB.sql(sql).n()).isEqualTo(B_DEDICATED_EVENTS);
    assertThat(asB.sql(tables).body().findValuesAsText("TABLE_NAME"))
        .containsExactlyInAnyOrder("events", bDedicated);
  }

  @Test
  void anotherTenantsKeyUnderAsNameIs401AndBSeesItsOwnPooledRows() {
    DruidAs.Answer wrong = DruidAs.basic(a, keyB).sql("SELECT COUNT(*) AS n FROM events");
    DruidAs.Answer asB = DruidAs.bearer(keyB).sql("SELECT SUM(\"count\") AS n FROM events");

    assertThat(wrong.status()).as("B's key under A's name").isEqualTo(401);
    assertThat(asB.n()).isEqualTo(B_EVENTS);
  }
}
