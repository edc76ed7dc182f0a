package io.canopy.druid.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.servlet.AsyncContext;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a tenant may call in Druid, through the authenticator's filter on a real Jetty: only the
 * query APIs (never the indexer's, coordinator's or any metadata API, whatever its datasources
 * allow), and a cancel only of its own running query. A servlet stands in for Druid and records
 * what reached it; a query holds until the test lets it end.
 */
class TenantCallsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY_A = "cnp_AAAAAAAAAAAA_" + "a".repeat(40);
  private static final String KEY_B = "cnp_BBBBBBBBBBBB_" + "b".repeat(40);
  private static final String OPERATOR = "operator-password-for-tests";

  /** Druid 33's answers to a table the caller may not read, and to one it does not know. */
  private static final java.util.Map<String, String> REFUSALS =
      java.util.Map.of(
          "forbidden",
          "{\"error\":\"druidException\",\"errorCode\":\"forbidden\",\"persona\":\"USER\","
              + "\"category\":\"FORBIDDEN\",\"errorMessage\":\"Unauthorized\",\"context\":{}}",
          "missing",
          "{\"error\":\"druidException\",\"errorCode\":\"invalidInput\",\"persona\":\"USER\","
              + "\"category\":\"INVALID_INPUT\",\"errorMessage\":\"Object 'p3c' not found within"
              + " 'druid'; did you mean 'p3c-4f1_web'?\",\"context\":{\"line\":\"1\"}}",
          "column",
          "{\"error\":\"druidException\",\"errorCode\":\"invalidInput\",\"persona\":\"USER\","
              + "\"category\":\"INVALID_INPUT\",\"errorMessage\":\"Column 'x' not found in any"
              + " table; did you mean 'email'?\",\"context\":{}}");

  private final IntrospectionServer keys = new IntrospectionServer();
  private final List<String> reached = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private volatile CountDownLatch running = new CountDownLatch(1);
  private volatile CountDownLatch release = new CountDownLatch(0);
  private Server jetty;

  TenantCallsTest() throws IOException {
    keys.grant(KEY_A, "a", "\"query\"", "");
    keys.grant(KEY_B, "b", "\"query\"", "");
  }

  /** Records each call; a query holds until {@link #release} opens. */
  private final class Druid extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      if (req.getHeader("X-Read-Async") != null) {
        readAsync(req, resp);
        return;
      }
      String body = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      reached.add(req.getMethod() + " " + req.getRequestURI() + " " + body);
      String refusal = REFUSALS.get(String.valueOf(req.getHeader("X-Answer")));
      if (refusal != null) {
        resp.setStatus(refusal.contains("FORBIDDEN") ? 403 : 400);
        resp.setContentType("application/json");
        resp.getOutputStream().write(refusal.getBytes(StandardCharsets.UTF_8));
        return;
      }
      if ("POST".equals(req.getMethod())) {
        running.countDown();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      resp.setStatus("DELETE".equals(req.getMethod()) ? 202 : 200);
      resp.setContentType("application/json");
      resp.getOutputStream().write("[]".getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Reads the body through a read listener, as the router's proxy does, and echoes it. */
  private void readAsync(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    AsyncContext async = req.startAsync();
    ServletInputStream in = req.getInputStream();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    in.setReadListener(
        new ReadListener() {
          @Override
          public void onDataAvailable() throws IOException {
            byte[] buffer = new byte[512];
            while (in.isReady() && !in.isFinished()) {
              int n = in.read(buffer);
              if (n < 0) {
                break;
              }
              body.write(buffer, 0, n);
            }
          }

          @Override
          public void onAllDataRead() throws IOException {
            reached.add("async " + body.toString(StandardCharsets.UTF_8));
            resp.setStatus(200);
            resp.getOutputStream().write(body.toByteArray());
            async.complete();
          }

          @Override
          public void onError(Throwable t) {
            async.complete();
          }
        });
  }

  @BeforeEach
  void start() throws Exception {
    jetty = LoopbackJetty.started(keys.authenticator(OPERATOR).getFilter(), new Druid());
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    jetty.stop();
    keys.close();
  }

  private HttpResponse<String> call(String method, String path, String key, String body)
      throws IOException, InterruptedException {
    int port = LoopbackJetty.port(jetty);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** A query under {@code id} as {@code key}, which holds in Druid until {@link #release}. */
  private CompletableFuture<HttpResponse<String>> queryInBackground(String key, String id) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return call("POST", "/druid/v2/sql", key, sql(id));
          } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  private static String sql(String id) {
    return "{\"query\":\"SELECT 1\",\"context\":{\"sqlQueryId\":\"" + id + "\"}}";
  }

  private static String message(HttpResponse<String> r) throws IOException {
    return JSON.readTree(r.body()).path("errorMessage").asText();
  }

  @ParameterizedTest
  @CsvSource({
    "GET, /druid/indexer/v1/tasks",
    "GET, /druid/indexer/v1/supervisor/events/history",
    "GET, /druid/indexer/v1/supervisor",
    "GET, /druid/coordinator/v1/metadata/segments",
    "GET, /druid/coordinator/v1/lookups/config",
    "GET, /druid/v2/datasources",
    "GET, /druid/v2/datasources/events",
    "POST, /druid/v2/sql/statements",
    "POST, /druid/v2/%73ql",
    "POST, /druid//v2/sql",
    "POST, /druid/v2/sql;x=y",
    "GET, /druid/v2/sql",
    "GET, /status",
    "DELETE, /druid/v2/sql"
  })
  void aTenantGetsNoApiButTheQueryApis(String method, String path) throws Exception {
    HttpResponse<String> asTenant = call(method, path, KEY_A, null);

    assertThat(asTenant.statusCode()).isEqualTo(403);
    assertThat(message(asTenant)).isEqualTo(TenantPaths.REFUSED);
    assertThat(reached).isEmpty();

    release.countDown();
    assertThat(call(method, path, OPERATOR, null).statusCode()).isNotEqualTo(403);
  }

  @ParameterizedTest
  @CsvSource({"/druid/v2/sql", "/druid/v2/sql/", "/druid/v2", "/druid/v2/"})
  void aTenantsQueriesPassWithTheirBody(String path) throws Exception {
    release.countDown();

    HttpResponse<String> r = call("POST", path, KEY_A, sql("q1"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(reached).containsExactly("POST " + path + " " + withTenantsTimeout(sql("q1")));
  }

  /**
   * A tenant's query as Druid gets it: with the tenant's timeout and priority (the default quota's
   * here).
   */
  private static String withTenantsTimeout(String body) {
    return body.replace("\"}}", "\",\"timeout\":30000,\"priority\":0}}");
  }

  @Test
  void aTableATenantMayNotReadAndOneThatDoesNotExistGetOneAnswerNamingNeither() throws Exception {
    release.countDown();
    HttpResponse<String> forbidden = refusal("forbidden", KEY_A);
    HttpResponse<String> missing = refusal("missing", KEY_A);

    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(missing.body()).isEqualTo(forbidden.body()).doesNotContain("p3c", "did you mean");
    assertThat(message(missing)).isEqualTo(JsonErrors.NOT_READABLE);
    // An unknown column stays a 400 with Druid's words, less any name Calcite suggests.
    HttpResponse<String> column = refusal("column", KEY_A);
    assertThat(column.statusCode()).isEqualTo(400);
    assertThat(message(column)).isEqualTo("Column 'x' not found in any table");
    // The operator reads Druid's own words.
    assertThat(message(refusal("missing", OPERATOR))).contains("did you mean");
  }

  private HttpResponse<String> refusal(String which, String key) throws Exception {
    int port = LoopbackJetty.port(jetty);
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/druid/v2/sql"))
            .header("Authorization", "Bearer " + key)
            .header("X-Answer", which)
            .POST(HttpRequest.BodyPublishers.ofString(sql("r-" + which)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aQueryReadThroughAReadListenerGetsItsWholeBody() throws Exception {
    int port = LoopbackJetty.port(jetty);
    String body = sql("async-1").replace("SELECT 1", "SELECT '" + "x".repeat(5_000) + "'");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/druid/v2/sql"))
            .header("Authorization", "Bearer " + KEY_A)
            .header("X-Read-Async", "1")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();

    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo(withTenantsTimeout(body));
    assertThat(reached).containsExactly("async " + withTenantsTimeout(body));
  }

  @Test
  void onlyTheTenantThatRunsAQueryMayCancelItAndAnUnknownIdGetsTheSameAnswer() throws Exception {
    release = new CountDownLatch(1);
    CompletableFuture<HttpResponse<String>> bs = queryInBackground(KEY_B, "b-query");
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    HttpResponse<String> byA = call("DELETE", "/druid/v2/sql/b-query", KEY_A, null);
    HttpResponse<String> unknown = call("DELETE", "/druid/v2/sql/no-such-query", KEY_A, null);
    HttpResponse<String> nativeByA = call("DELETE", "/druid/v2/b-query", KEY_A, null);
    HttpResponse<String> sameIdByA = call("POST", "/druid/v2/sql", KEY_A, sql("b-query"));

    assertThat(byA.statusCode()).isEqualTo(404);
    assertThat(message(byA)).isEqualTo(QueryIdGate.NOT_YOURS);
    assertThat(unknown.body()).isEqualTo(byA.body());
    assertThat(nativeByA.statusCode()).isEqualTo(404);
    assertThat(sameIdByA.statusCode()).isEqualTo(409);
    assertThat(reached).hasSize(1); // B's query alone

    HttpResponse<String> byB = call("DELETE", "/druid/v2/sql/b-query", KEY_B, null);
    assertThat(byB.statusCode()).isEqualTo(202);
    release.countDown();
    assertThat(bs.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);

    // Ended: the id is nobody's, and B's cancel is refused like any other.
    assertThat(call("DELETE", "/druid/v2/sql/b-query", KEY_B, null).statusCode()).isEqualTo(404);
    assertThat(call("POST", "/druid/v2/sql", KEY_A, sql("b-query")).statusCode()).isEqualTo(200);
  }

  @Test
  void theOperatorMayCancelAnyQueryAndATenantCannotTakeTheOperatorsId() throws Exception {
    release = new CountDownLatch(1);
    CompletableFuture<HttpResponse<String>> operators = queryInBackground(OPERATOR, "op-query");
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(call("POST", "/druid/v2/sql", KEY_A, sql("op-query")).statusCode()).isEqualTo(409);
    assertThat(call("DELETE", "/druid/v2/sql/op-query", KEY_A, null).statusCode()).isEqualTo(404);
    assertThat(call("DELETE", "/druid/v2/sql/anything", OPERATOR, null).statusCode())
        .isEqualTo(202);
    release.countDown();
    assertThat(operators.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }
}
