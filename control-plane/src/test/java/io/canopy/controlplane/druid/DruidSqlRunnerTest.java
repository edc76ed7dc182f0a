package io.canopy.controlplane.druid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.canopy.controlplane.common.AbandonedException;
import io.canopy.controlplane.common.Demand;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.common.NotPermittedException;
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

/**
 * The runner against a real HTTP server standing in for the broker: what it sends (the caller's
 * credential, the context), how Druid's answers become domain errors, and that a query past its
 * timeout is cancelled in Druid.
 */
class DruidSqlRunnerTest {
  private HttpServer broker;
  private final List<String> requests = new CopyOnWriteArrayList<>();
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
          exchange.sendResponseHeaders(status, out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });
    broker.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    broker.start();
    DruidConfig config = new DruidConfig();
    config.brokerUrl = "http://127.0.0.1:" + broker.getAddress().getPort();
    config.password = "operator-secret";
    runner = new DruidClient(config).sqlRunner();
  }

  @AfterEach
  void stop() {
    testOver.countDown();
    broker.stop(0);
  }

  private DruidSqlRunner.Query query(Duration timeout) {
    return new DruidSqlRunner.Query(
        "SELECT SUM(\"count\") AS n FROM events WHERE tenant = ?",
        List.of(SqlParameter.varchar("acme")),
        "canopy-test-1",
        timeout,
        5,
        "Bearer cnp_tenantkey",
        "query",
        "quotas.queryTimeoutMs",
        0);
  }

  @Test
  void sendsTheQueryAsTheCallerWithItsContext() {
    assertThat(runner.rows(query(Duration.ofSeconds(5))).get(0).path("n").asLong()).isEqualTo(7);

    assertThat(requests).hasSize(1);
    assertThat(requests.get(0))
        .startsWith("POST /druid/v2/sql Bearer cnp_tenantkey ")
        .contains("\"parameters\":[{\"type\":\"VARCHAR\",\"value\":\"acme\"}]")
        .contains("\"sqlQueryId\":\"canopy-test-1\"", "\"timeout\":5000", "\"priority\":5");
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

  @Test
  void druidsRefusalsBecomeDomainErrors() {
    status = 400;
    answer = "{\"error\":\"druidException\",\"errorMessage\":\"Column 'x' not found\"}";
    assertThatThrownBy(() -> runner.rows(query(Duration.ofSeconds(5))))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("kind", InvalidInputException.Kind.UNPROCESSABLE)
        .hasMessageContaining("Column 'x' not found");
    status = 403;
    assertThatThrownBy(() -> runner.rows(query(Duration.ofSeconds(5))))
        .isInstanceOf(NotPermittedException.class);
    status = 504;
    assertThatThrownBy(() -> runner.rows(query(Duration.ofSeconds(5))))
        .isInstanceOf(TimedOutException.class);
    status = 500;
    assertThatThrownBy(() -> runner.rows(query(Duration.ofSeconds(5))))
        .isInstanceOf(DruidException.class)
        .hasMessageNotContaining("cnp_tenantkey");
  }
}
