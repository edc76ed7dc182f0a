package io.canopy.druid.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.druid.quota.RequestTags;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant's query quotas as Druid's services enforce them, through the authenticator's filter on a
 * real Jetty: a query past the tenant's concurrency or per-minute quota is a JSON 429 naming the
 * quota, with {@code Retry-After}, and never reaches Druid; another tenant is not affected; the
 * control plane's several queries for one request count once; the tenant's timeout is in every
 * query's context; a query still running past it is stopped and answered 504. A servlet stands in
 * for Druid: it records each query's context, holds a query until the test lets it go, or spins
 * until interrupted as Druid's cursors do.
 */
class TenantQuotasTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY_A = "cnp_AAAAAAAAAAAA_" + "a".repeat(40);
  private static final String KEY_B = "cnp_BBBBBBBBBBBB_" + "b".repeat(40);
  private static final String KEY_C = "cnp_CCCCCCCCCCCC_" + "c".repeat(40);

  private final IntrospectionServer keys = new IntrospectionServer();
  private final List<JsonNode> contexts = new CopyOnWriteArrayList<>();
  private final AtomicBoolean interruptedOnArrival = new AtomicBoolean();
  private final AtomicInteger spinningNow = new AtomicInteger();
  private final CountDownLatch startedSpinning = new CountDownLatch(1);
  private final CountDownLatch testOver = new CountDownLatch(1);
  private final HttpClient http = HttpClient.newHttpClient();
  private volatile CountDownLatch running = new CountDownLatch(0);
  private volatile CountDownLatch release = new CountDownLatch(0);
  private Server jetty;

  TenantQuotasTest() throws IOException {
    keys.grantQueries(KEY_A, "a", 2, 3, 1_000);
    keys.grantQueries(KEY_B, "b", 2, 100, 30_000);
    keys.grantQueries(KEY_C, "c", 1, 1_000, 30_000);
  }

  /** Druid's query resources, as far as the quotas go. */
  private final class Druid extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      if (Thread.currentThread().isInterrupted()) {
        interruptedOnArrival.set(true);
      }
      if ("DELETE".equals(req.getMethod())) {
        resp.setStatus(202); // Druid's answer to a cancel, which does not stop this shape
        return;
      }
      JsonNode body = JSON.readTree(req.getInputStream());
      contexts.add(body.path("context"));
      if ("spin".equals(body.path("query").asText())) {
        // As a join of inline rows on the broker: no timeout checked, only the thread's interrupt.
        spinningNow.incrementAndGet();
        startedSpinning.countDown();
        while (!Thread.currentThread().isInterrupted()) {
          Thread.onSpinWait();
        }
        spinningNow.decrementAndGet();
        resp.setStatus(500);
        resp.setContentType("application/json");
        resp.getOutputStream()
            .write(
                ("{\"error\":\"Query interrupted\",\"errorMessage\":\"java.lang.InterruptedException\","
                        + "\"errorClass\":\"org.apache.druid.query.QueryInterruptedException\"}")
                    .getBytes(StandardCharsets.UTF_8));
        return;
      }
      running.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      resp.setContentType("application/json");
      resp.getOutputStream().write("[]".getBytes(StandardCharsets.UTF_8));
      if ("after".equals(body.path("query").asText())) {
        // As Druid does: the answer is complete, then the query is logged and its metrics sent.
        // Here the work after the answer lasts until the test ends, so a place still held by it
        // would refuse the next query every time.
        resp.getOutputStream().close();
        try {
          testOver.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @BeforeEach
  void start() throws Exception {
    jetty = LoopbackJetty.started(keys.authenticator("operator-password").getFilter(), new Druid());
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    testOver.countDown();
    jetty.stop();
    keys.close();
  }

  private HttpResponse<String> query(String key, String body, String tag)
      throws IOException, InterruptedException {
    return query(http, key, body, tag);
  }

  private HttpResponse<String> query(HttpClient http, String key, String body, String tag)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + LoopbackJetty.port(jetty) + "/druid/v2/sql"))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (tag != null) {
      request.header(RequestTags.HEADER, tag);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private CompletableFuture<HttpResponse<String>> inBackground(String key) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return query(key, "{\"query\":\"SELECT 1\"}", null);
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static void assertOverQuota(HttpResponse<String> r, String quota) throws IOException {
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isPositive();
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("category").asText()).isEqualTo("CAPACITY_EXCEEDED");
    assertThat(body.path("context").path("quota").asText()).isEqualTo(quota);
    assertThat(body.path("errorMessage").asText()).contains("quotas." + quota);
  }

  @Test
  void aQueryPastTheTenantsConcurrencyIsRefusedWhileAnotherTenantRuns() throws Exception {
    running = new CountDownLatch(2);
    release = new CountDownLatch(1);
    List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
    held.add(inBackground(KEY_A));
    held.add(inBackground(KEY_A));
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    int reached = contexts.size();

    assertOverQuota(query(KEY_A, "{\"query\":\"SELECT 1\"}", null), "queryConcurrency");
    assertThat(contexts).hasSize(reached); // the refused query never reached Druid

    running = new CountDownLatch(1);
    CompletableFuture<HttpResponse<String>> b = inBackground(KEY_B);
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue(); // B runs beside A's two

    release.countDown();
    for (CompletableFuture<HttpResponse<String>> f : held) {
      assertThat(f.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(b.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void aQueryPastTheTenantsMinuteIsRefusedAndTheControlPlanesRequestCountsOnce() throws Exception {
    RequestTags tags = new RequestTags(IntrospectionServer.SECRET.getBytes(StandardCharsets.UTF_8));
    String tag = tags.tag("a", "req-1");
    // One control-plane request's five queries take one of A's three a minute.
    for (int i = 0; i < 5; i++) {
      assertThat(query(KEY_A, "{\"query\":\"SELECT 1\"}", tag).statusCode()).isEqualTo(200);
    }
    // B's tag, a forged one and none each count.
    assertThat(query(KEY_A, "{\"query\":\"SELECT 1\"}", tags.tag("b", "req-2")).statusCode())
        .isEqualTo(200);
    assertThat(query(KEY_A, "{\"query\":\"SELECT 1\"}", "req-3." + "0".repeat(64)).statusCode())
        .isEqualTo(200);
    assertOverQuota(query(KEY_A, "{\"query\":\"SELECT 1\"}", null), "queriesPerMinute");
    // The counted request's further queries still pass: it was admitted.
    assertThat(query(KEY_A, "{\"query\":\"SELECT 1\"}", tag).statusCode()).isEqualTo(200);
    assertThat(query(KEY_B, "{\"query\":\"SELECT 1\"}", null).statusCode()).isEqualTo(200);
  }

  /**
   * A query's place is free before its caller reads the end of its answer: a caller with room for
   * one, asking back to back, is never refused.
   */
  @Test
  void queriesAskedBackToBackWithRoomForOneAreNeverRefused() throws Exception {
    for (int i = 0; i < 20; i++) {
      // Each on its own connection, as a pool of them would: Jetty reads a connection's next
      // request only once its last one is done.
      HttpClient fresh = HttpClient.newHttpClient();
      assertThat(query(fresh, KEY_C, "{\"query\":\"after\"}", null).statusCode())
          .as("query %d", i)
          .isEqualTo(200);
    }
  }

  @Test
  void everyQueryOfATenantCarriesAtMostItsTimeout() throws Exception {
    query(KEY_B, "{\"query\":\"SELECT 1\"}", null);
    query(KEY_B, "{\"query\":\"SELECT 1\",\"context\":{\"timeout\":999999999}}", null);
    query(KEY_B, "{\"query\":\"SELECT 1\",\"context\":{\"timeout\":0}}", null);
    query(KEY_B, "{\"query\":\"SELECT 1\",\"context\":{\"timeout\":\"86400000\"}}", null);
    query(KEY_B, "{\"query\":\"SELECT 1\",\"context\":{\"timeout\":5000,\"priority\":3}}", null);
    assertThat(contexts)
        .extracting(c -> c.path("timeout").asLong())
        .containsExactly(30_000L, 30_000L, 30_000L, 30_000L, 5_000L);
    // B may not raise its priority above its quota's (0 here): Druid runs higher ones first.
    assertThat(contexts.get(4).path("priority").asInt()).isEqualTo(0);
  }

  @Test
  void aQueryStillRunningPastItsTimeoutIsStoppedAndAnswered504() throws Exception {
    HttpResponse<String> r = query(KEY_A, "{\"query\":\"spin\"}", null);
    assertThat(r.statusCode()).isEqualTo(504);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("category").asText()).isEqualTo("TIMEOUT");
    assertThat(body.path("errorMessage").asText())
        .isEqualTo(
            "The query ran past its timeout of 1000 ms (at most the tenant's"
                + " quotas.queryTimeoutMs, 1000 ms) and was stopped.");
    assertThat(r.body()).doesNotContain("Interrupted").doesNotContain("org.apache");
    // Its place is free, and the threads that serve the next queries are not interrupted.
    for (int i = 0; i < 2; i++) {
      assertThat(query(KEY_A, "{\"query\":\"SELECT 1\"}", null).statusCode()).isEqualTo(200);
    }
    assertThat(interruptedOnArrival).isFalse();
  }

  /** A query that asks for less time than the tenant's is stopped at its own. */
  @Test
  void aQueryIsStoppedAtItsOwnShorterTimeout() throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> r =
        query(KEY_B, "{\"query\":\"spin\",\"context\":{\"timeout\":1000}}", null);
    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(JSON.readTree(r.body()).path("errorMessage").asText())
        .contains("timeout of 1000 ms", "30000 ms");
    // Stopped at its own 1 s and the slack, not at the tenant's 30 s (no timing assertion beyond
    // that order of magnitude: the test holds on a slow machine too).
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  /** A cancelled query is stopped, even one whose shape Druid's own cancel does not reach. */
  @Test
  void aCancelledQueryIsStoppedOnItsThread() throws Exception {
    CompletableFuture<HttpResponse<String>> spinning =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return query(
                    KEY_B, "{\"query\":\"spin\",\"context\":{\"sqlQueryId\":\"spin-1\"}}", null);
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(startedSpinning.await(10, TimeUnit.SECONDS)).as("the query spins in Druid").isTrue();
    HttpResponse<String> cancel =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + LoopbackJetty.port(jetty) + "/druid/v2/sql/spin-1"))
                .header("Authorization", "Bearer " + KEY_B)
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(cancel.statusCode()).isEqualTo(202);
    // Ended well before B's 30 s timeout: its thread was interrupted by the cancel.
    HttpResponse<String> ended = spinning.get(10, TimeUnit.SECONDS);
    assertThat(ended.statusCode()).isEqualTo(500);
    assertThat(spinningNow.get()).isZero();
  }
}
