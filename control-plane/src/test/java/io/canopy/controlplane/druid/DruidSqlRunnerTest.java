package io.canopy.controlplane.druid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import io.canopy.controlplane.common.AbandonedException;
import io.canopy.controlplane.common.Demand;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.common.NotPermittedException;
import io.canopy.controlplane.common.OverQuotaException;
import io.canopy.controlplane.common.TimedOutException;
import io.canopy.controlplane.config.DruidConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The runner against a real HTTP server standing in for the broker: what it sends (the caller's
 * credential, the context), how Druid's answers become domain errors, and that a query past its
 * timeout is cancelled in Druid.
 */
class DruidSqlRunnerTest {
  private HttpServer broker;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String> tags = new CopyOnWriteArrayList<>();
  private final CountDownLatch cancelled = new CountDownLatch(1);
  private volatile int status = 200;
  private volatile String answer = "[{\"n\":7}]";

  /** A slow broker: while set, the query waits until the test ends. */
  private volatile boolean slow;

  private final CountDownLatch testOver = new CountDownLatch(1);
  private DruidSqlRunner runner;

  @BeforeEach
  void start() throws IOException {
    broker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    broker.createContext(
        "/druid/v2/sql",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Authorization")
                  + " "
                  + body);
          tags.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Canopy-Request")));
          if (exchange.getRequestMethod().equals("DELETE")) {
            cancelled.countDown();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
            return;
          }
          if (slow) {
            try {
              testOver.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          byte[] out = answer.getBytes(StandardCharsets.UTF_8);
          if (status == 429) {
            exchange.getResponseHeaders().add("Retry-After", "17");
          }
          exchange.sendResponseHeaders(status, out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });
    broker.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    broker.start();
    DruidConfig config = new DruidConfig();
    config.brokerUrl = "http://127.0.0.1:" + broker.getAddress().getPort();
    config.password = "operator-secret";
    runner = new DruidClient(config, "secret").sqlRunner();
  }

  @AfterEach
  void stop() {
    testOver.countDown();
    broker.stop(0);
  }

  private DruidSqlRunner.Query query(Duration timeout) {
    return query(timeout, false);
  }

  private DruidSqlRunner.Query query(Duration timeout, boolean baseRows) {
    return new DruidSqlRunner.Query(
        "SELECT SUM(\"count\") AS n FROM events WHERE tenant = ?",
        List.of(SqlParameter.varchar("acme")),
        "canopy-test-1",
        timeout,
        5,
        "Bearer cnp_tenantkey",
        "query",
        "quotas.queryTimeoutMs",
        0,
        baseRows,
        new DruidSqlRunner.TenantRequest("acme", "0f8e1c2a-1111-4222-8333-444455556666"));
  }

  @Test
  void sendsTheQueryAsTheCallerWithItsContext() {
    assertThat(runner.rows(query(Duration.ofSeconds(5))).get(0).path("n").asLong()).isEqualTo(7);

    assertThat(requests).hasSize(1);
    assertThat(requests.get(0))
        .startsWith("POST /druid/v2/sql Bearer cnp_tenantkey ")
        .contains("\"parameters\":[{\"type\":\"VARCHAR\",\"value\":\"acme\"}]")
        .contains("\"sqlQueryId\":\"canopy-test-1\"", "\"timeout\":5000", "\"priority\":5")
        .doesNotContain("noProjections");
    // The request's tag, signed as Canopy's extension checks it (its known-answer test has the
    // same value, worked out with openssl).
    assertThat(tags)
        .containsExactly(
            "0f8e1c2a-1111-4222-8333-444455556666."
                + "08837a3392e6f0446945d935f47dd7c9236a053e37cdde8cb4aac1502c98f061");
  }

  /** Canopy's extension refuses a tenant's query over its quota in Druid: the same 429 here. */
  @Test
  void aQueryOverTheTenantsQuotaInDruidIsOverQuotaNamingIt() {
    status = 429;
    answer =
        "{\"error\":\"druidException\",\"errorCode\":\"general\",\"persona\":\"USER\","
            + "\"category\":\"CAPACITY_EXCEEDED\",\"errorMessage\":\"Tenant 'acme' already runs 4"
            + " queries at once, its quota (quotas.queryConcurrency); retry after 1 s.\","
            + "\"context\":{\"quota\":\"queryConcurrency\"}}";

    Throwable thrown = catchThrowable(() -> runner.rows(query(Duration.ofSeconds(5))));

    assertThat(thrown)
        .isInstanceOf(OverQuotaException.class)
        .hasMessageContaining("(quotas.queryConcurrency)")
        .hasFieldOrPropertyWithValue("field", "quotas.queryConcurrency")
        .hasFieldOrPropertyWithValue("retryAfterSeconds", 17L);
  }

  /** A query that filters on a metric column reads the base rows (Druid 33's projection bug). */
  @Test
  void aQueryOfTheBaseRowsSaysSoInItsContext() {
    runner.rows(query(Duration.ofSeconds(5), true));

    assertThat(requests.get(0)).contains("\"noProjections\":true");
  }

  @Test
  void aQueryPastItsTimeoutIsCancelledInDruid() throws InterruptedException {
    slow = true;

    assertThatThrownBy(() -> runner.rows(query(Duration.ofMillis(200))))
        .isInstanceOf(TimedOutException.class)
        .hasFieldOrPropertyWithValue("field", "quotas.queryTimeoutMs")
        .hasMessageContaining("200 ms");
    assertThat(cancelled.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(requests).anyMatch(r -> r.startsWith("DELETE /druid/v2/sql/canopy-test-1 Basic "));
  }

  @Test
  void aQueryWhoseClientWentAwayIsCancelledInDruid() throws InterruptedException {
    slow = true;
    // The client goes away once the broker has its query.
    Demand goneOnceSent = () -> !requests.isEmpty();

    assertThatThrownBy(() -> runner.rows(query(Duration.ofSeconds(30)), goneOnceSent))
        .isInstanceOf(AbandonedException.class)
        .hasMessageContaining("went away");
    assertThat(cancelled.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(requests).anyMatch(r -> r.startsWith("DELETE /druid/v2/sql/canopy-test-1 Basic "));
  }

  @Test
  void aQueryWhoseClientWentAwayBeforeIsNotSent() {
    assertThatThrownBy(() -> runner.rows(query(Duration.ofSeconds(5)), () -> true))
        .isInstanceOf(AbandonedException.class);
    assertThat(requests).isEmpty();
  }

  @Test
  void aQueryWhoseClientWaitsRunsToItsAnswer() {
    answer = "[{\"n\":8}]";
    assertThat(runner.rows(query(Duration.ofSeconds(5)), () -> false).get(0).path("n").asLong())
        .isEqualTo(8);
    assertThat(requests).noneMatch(r -> r.startsWith("DELETE"));
  }

  /**
   * Druid 33's answers, as its broker gave them on the local stack (bodies copied from real
   * answers; the last two are what its Jetty and an overloaded broker send), and what each becomes.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        // Druid refused the SQL (400).
        "unknown column | 400 | {\"error\":\"druidException\",\"errorCode\":\"invalidInput\",\"persona\":\"USER\","
            + "\"category\":\"INVALID_INPUT\",\"errorMessage\":\"Column 'x' not found in any table (line [1], column [8])\"}"
            + " | REFUSED | Druid refused the query: Column 'x' not found in any table (line [1], column [8])",
        // SELECT 1/0: a 500 that is the query's fault, not Druid's.
        "division by zero | 500 | {\"error\":\"druidException\",\"errorCode\":\"general\",\"persona\":\"ADMIN\","
            + "\"category\":\"UNCATEGORIZED\",\"errorMessage\":\"/ by zero\",\"context\":{}}"
            + " | REFUSED | Druid could not run the query: / by zero",
        // A filter Druid 33 fails to plan.
        "marker filter | 500 | {\"error\":\"druidException\",\"errorCode\":\"general\",\"persona\":\"ADMIN\","
            + "\"category\":\"UNCATEGORIZED\",\"errorMessage\":\"Marker filters shouldn't exist in the final filter, but found: FALSE\"}"
            + " | REFUSED | Druid could not run the query: Marker filters shouldn't exist in the final filter, but found: FALSE",
        // A join over the row-filtered table.
        "self-join | 500 | {\"error\":\"druidException\",\"errorCode\":\"general\",\"persona\":\"DEVELOPER\","
            + "\"category\":\"DEFENSIVE\",\"errorMessage\":\"Base dataSource[RestrictedDataSource{base=events, "
            + "policy=RowFilterPolicy{rowFilter=tenant = default}}] is not a table!\"}"
            + " | REFUSED | Druid could not run the query: Base dataSource[RestrictedDataSource{base=events,",
        // A UNION ALL of the row-filtered table: the legacy form, with a class name.
        "union all | 500 | {\"error\":\"Unknown exception\",\"errorClass\":\"org.apache.druid.java.util.common.ISE\","
            + "\"host\":null,\"errorCode\":\"legacyQueryException\",\"persona\":\"OPERATOR\",\"category\":\"RUNTIME_FAILURE\","
            + "\"errorMessage\":\"Cannot handle subquery structure for dataSource: UnionDataSource{dataSources=[RestrictedDataSource{base=events}]}\"}"
            + " | REFUSED | Druid could not run the query: Cannot handle subquery structure for dataSource",
        // The same, as Canopy's extension rewrites it for a tenant.
        "union all, rewritten | 400 | {\"error\":\"druidException\",\"errorCode\":\"general\",\"persona\":\"USER\","
            + "\"category\":\"INVALID_INPUT\",\"errorMessage\":\"Druid 33 cannot run this query over a table with a row policy\"}"
            + " | REFUSED | Druid refused the query: Druid 33 cannot run this query over a table with a row policy",
        // A message with a qualified class name and a stack trace.
        "class names | 400 | {\"error\":\"druidException\",\"category\":\"INVALID_INPUT\",\"errorMessage\":"
            + "\"java.lang.IllegalArgumentException: Cannot deserialize value of type `org.apache.calcite.avatica.SqlType`\\n\\tat org.apache.X.y(X.java:1)\"}"
            + " | REFUSED | Druid refused the query: Cannot deserialize value of type `SqlType`",
        // Jetty's own page for an exception that escaped Druid's handler.
        "html page | 500 | <html><title>Error 500 java.lang.ClassCastException</title></html>"
            + " | REFUSED | Druid could not run the query and gave no reason (HTTP 500); the broker's log has the detail of Druid query canopy-test-1",
        "not permitted | 403 | {\"Access-Check-Result\":\"Unauthorized, a tenant may read only its datasources\"}"
            + " | NOT_PERMITTED | not permitted",
        "legacy unauthorized | 401 | {\"error\":\"Unauthorized request\",\"errorMessage\":null}"
            + " | NOT_PERMITTED | not permitted",
        "druid's timeout | 504 | {\"error\":\"Query timeout\",\"errorMessage\":\"Query [x] timed out\"}"
            + " | TIMED_OUT | ms and was cancelled",
        "over capacity | 429 | {\"error\":\"Query capacity exceeded\",\"errorMessage\":\"Too many queries\",\"category\":\"CAPACITY_EXCEEDED\"}"
            + " | UNAVAILABLE | HTTP 429",
        "over capacity in a 500 | 500 | {\"error\":\"Query capacity exceeded\",\"errorMessage\":\"Too many queries\"}"
            + " | UNAVAILABLE | HTTP 500",
        "no broker | 503 | <html>Service Unavailable</html> | UNAVAILABLE | HTTP 503",
        "bad gateway | 502 | | UNAVAILABLE | HTTP 502",
      })
  void druidsAnswersBecomeDomainErrorsByWhatTheySay(
      String what, int status, String body, DruidError.Kind kind, String message) {
    this.status = status;
    answer = body == null ? "" : body;

    Throwable thrown = catchThrowable(() -> runner.rows(query(Duration.ofSeconds(5))));

    Class<?> expected =
        switch (kind) {
          case REFUSED -> InvalidInputException.class;
          case NOT_PERMITTED -> NotPermittedException.class;
          case TIMED_OUT -> TimedOutException.class;
          case UNAVAILABLE -> DruidException.class;
          case OVER_QUOTA -> OverQuotaException.class;
        };
    assertThat(thrown).as(what).isInstanceOf(expected).hasMessageContaining(message);
    if (kind == DruidError.Kind.REFUSED) {
      assertThat(thrown)
          .hasFieldOrPropertyWithValue("kind", InvalidInputException.Kind.UNPROCESSABLE)
          .hasFieldOrPropertyWithValue("field", "query");
      assertThat(thrown.getMessage())
          .doesNotContain("org.apache", "java.lang", "Exception", "\tat ", "cnp_tenantkey");
    }
  }

  @Test
  void aBrokerThatDoesNotListenIsUnavailable() {
    broker.stop(0);

    assertThatThrownBy(() -> runner.rows(query(Duration.ofSeconds(5))))
        .isInstanceOf(DruidException.class)
        .hasMessageContaining("not reachable");
  }
}
