package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.stack.client.IngestClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An Avatica connection serves only the caller that opened it, on the broker and through the
 * router: tenant B opens one (Avatica's JSON protocol, as a JDBC driver speaks it), and then a
 * request that names it with tenant A's key, or with no credential, runs nothing; B's own requests
 * run and see B's rows. An open without a credential is refused, and a caller holds a bounded
 * number of connections.
 */
@ExtendWith(LocalStackExtension.class)
class AvaticaSessionsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AVATICA = "/druid/v2/sql/avatica/";
  private static final int B_EVENTS = 3;

  private static String a;
  private static String b;
  private static String keyA;
  private static String keyB;

  @BeforeAll
  static void twoTenantsAndRowsOfB() {
    String run = UUID.randomUUID().toString().substring(0, 6);
    a = "avatica-a-" + run;
    b = "avatica-b-" + run;
    keyA = AdminApi.operator().tenantWithKey(a, null, "ingest", "query");
    keyB = AdminApi.operator().tenantWithKey(b, null, "ingest", "query");
    List<String> events = new ArrayList<>();
    for (int i = 0; i < B_EVENTS; i++) {
      events.add(Events.event("page_view", Instant.now(), "avatica"));
    }
    IngestClient.Response r =
        new IngestClient(LocalStackExtension.stack().ports().controlPlaneUrl(), keyB).post(events);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    Await.until(
        Duration.ofSeconds(120),
        () -> DruidAs.basic(b, keyB).sql("SELECT SUM(\"count\") AS n FROM events").n(),
        n -> n == B_EVENTS,
        B_EVENTS + " events of " + b + ", as B sees them");
  }

  private static Function<DruidAs, DruidAs> door(String which) {
    return which.equals("broker") ? DruidAs::atBroker : d -> d;
  }

  private static ObjectNode request(String kind, String connectionId) {
    return JSON.createObjectNode().put("request", kind).put("connectionId", connectionId);
  }

  private static String open(String connectionId, String user, String key) {
    ObjectNode open = request("openConnection", connectionId);
    open.putObject("info").put("user", user).put("password", key);
    return open.toString();
  }

  private static String execute(String connectionId, int statementId) {
    return request("prepareAndExecute", connectionId)
        .put("statementId", statementId)
        .put("sql", "SELECT SUM(\"count\") AS n FROM events")
        .put("maxRowCount", -1)
        .toString();
  }

  /** Opens a connection as {@code who} and creates a statement in it: the statement's id. */
  private static int openWithStatement(DruidAs who, String id, String user, String key) {
    DruidAs.Answer opened = who.post(AVATICA, open(id, user, key));
    assertThat(opened.status()).as(opened.body().toString()).isEqualTo(200);
    DruidAs.Answer statement = who.post(AVATICA, request("createStatement", id).toString());
    assertThat(statement.status()).as(statement.body().toString()).isEqualTo(200);
    return statement.body().path("statementId").asInt();
  }

  private static long rows(DruidAs.Answer executed) {
    return executed
        .body()
        .path("results")
        .path(0)
        .path("firstFrame")
        .path("rows")
        .path(0)
        .path(0)
        .asLong(-1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"broker", "router"})
  void bsConnectionRunsNothingForAnotherTenantOrForNoCredential(String which) {
    Function<DruidAs, DruidAs> at = door(which);
    DruidAs asB = at.apply(DruidAs.basic(b, keyB));
    String id = "b-" + UUID.randomUUID();
    int statement = openWithStatement(asB, id, b, keyB);

    DruidAs.Answer asA = at.apply(DruidAs.basic(a, keyA)).post(AVATICA, execute(id, statement));
    DruidAs.Answer anonymous = at.apply(DruidAs.anonymous()).post(AVATICA, execute(id, statement));
    DruidAs.Answer nobodys =
        at.apply(DruidAs.basic(a, keyA)).post(AVATICA, execute("no-" + UUID.randomUUID(), 1));

    assertThat(asA.status()).as(asA.body().toString()).isEqualTo(403);
    assertThat(asA.body().path("errorMessage").asText())
        .isEqualTo("No open Avatica connection with this id belongs to the caller.");
    assertThat(nobodys.status()).isEqualTo(403);
    assertThat(nobodys.body()).isEqualTo(asA.body());
    assertThat(anonymous.status()).as(anonymous.body().toString()).isEqualTo(401);
    assertThat(anonymous.challenge()).isEqualTo("Basic realm=\"canopy\"");

    DruidAs.Answer own = asB.post(AVATICA, execute(id, statement));
    assertThat(own.status()).as(own.body().toString()).isEqualTo(200);
    assertThat(rows(own)).isEqualTo(B_EVENTS);
    assertThat(asB.post(AVATICA, request("closeConnection", id).toString()).status())
        .isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"broker", "router"})
  void anOpenWithoutACredentialOrWithAnotherTenantsJdbcUserIsRefused(String which) {
    Function<DruidAs, DruidAs> at = door(which);

    DruidAs.Answer anonymous =
        at.apply(DruidAs.anonymous()).post(AVATICA, open("anon-" + UUID.randomUUID(), b, keyB));
    DruidAs.Answer mixed =
        at.apply(DruidAs.basic(a, keyA)).post(AVATICA, open("mix-" + UUID.randomUUID(), b, keyB));

    assertThat(anonymous.status()).as(anonymous.body().toString()).isEqualTo(401);
    assertThat(mixed.status()).as(mixed.body().toString()).isEqualTo(403);
  }

  @ParameterizedTest
  @ValueSource(strings = {"broker", "router"})
  void avaticasErrorsCarryNoStackTraceAndNameNoOtherTable(String which) {
    DruidAs asB = door(which).apply(DruidAs.basic(b, keyB));
    String id = "err-" + UUID.randomUUID();
    int statement = openWithStatement(asB, id, b, keyB);

    DruidAs.Answer broken =
        asB.post(
            AVATICA,
            request("prepareAndExecute", id)
                .put("statementId", statement)
                .put("sql", "SELEC 1")
                .put("maxRowCount", -1)
                .toString());
    DruidAs.Answer missing =
        asB.post(
            AVATICA,
            request("prepareAndExecute", id)
                .put("statementId", statement)
                .put("sql", "SELECT COUNT(*) FROM \"" + b + "_no_such\"")
                .put("maxRowCount", -1)
                .toString());

    assertThat(broken.body().path("response").asText())
        .as(broken.body().toString())
        .isEqualTo("error");
    assertThat(broken.body().path("exceptions").isEmpty()).isTrue();
    assertThat(broken.body().toString()).doesNotContain("java.", "org.apache", "\\tat ");
    assertThat(missing.body().path("errorMessage").asText())
        .isEqualTo("The query names a table that does not exist or that the caller may not read.");
    asB.post(AVATICA, request("closeConnection", id).toString());
  }

  @Test
  void aTenantHoldsAtMostFourConnections() {
    DruidAs asA = DruidAs.basic(a, keyA).atBroker();
    List<String> opened = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String id = "cap-" + UUID.randomUUID();
      DruidAs.Answer r = asA.post(AVATICA, open(id, a, keyA));
      assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
      opened.add(id);
    }

    DruidAs.Answer fifth = asA.post(AVATICA, open("cap-" + UUID.randomUUID(), a, keyA));
    // B is not held back by A's connections.
    String ofB = "cap-b-" + UUID.randomUUID();
    DruidAs.Answer bsFirst = DruidAs.basic(b, keyB).atBroker().post(AVATICA, open(ofB, b, keyB));

    assertThat(fifth.status()).as(fifth.body().toString()).isEqualTo(429);
    assertThat(fifth.retryAfter()).isNotNull();
    assertThat(bsFirst.status()).isEqualTo(200);
    for (String id : opened) {
      assertThat(asA.post(AVATICA, request("closeConnection", id).toString()).status())
          .isEqualTo(200);
    }
    DruidAs.basic(b, keyB).atBroker().post(AVATICA, request("closeConnection", ofB).toString());
    String again = "cap-" + UUID.randomUUID();
    assertThat(asA.post(AVATICA, open(again, a, keyA)).status()).isEqualTo(200);
    asA.post(AVATICA, request("closeConnection", again).toString());
  }
}
