package io.canopy.druid.auth;

import static io.canopy.druid.auth.KeyIntrospectorTest.KEY_A;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import javax.servlet.AsyncContext;
import javax.servlet.DispatcherType;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The authenticator's filter on a real Jetty (Druid 33's, 9.4), in front of servlets that answer
 * the way Druid's resources and Jetty do: every error a caller gets is Druid's error JSON, without
 * Java class names or hosts; Avatica's errors lose their stack traces; success bodies and async
 * answers pass as written. Asked as the operator: a tenant reaches only the query APIs ({@link
 * TenantCallsTest}).
 */
class CanopyAuthenticationFilterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OPERATOR = "operator-password-for-tests";

  private final IntrospectionServer keys = new IntrospectionServer();
  private Server jetty;

  CanopyAuthenticationFilterTest() throws IOException {
    keys.grant(KEY_A, "a", "\"query\"", "");
    keys.grant("cnp_INGESTONLYKEY_" + "b".repeat(40), "a", "\"ingest\"", "");
  }

  @BeforeEach
  void start() throws Exception {
    CanopyAuthenticator authenticator = keys.authenticator(OPERATOR);
    jetty = LoopbackJetty.create();
    ServletContextHandler context = new ServletContextHandler();
    context.addFilter(
        new FilterHolder(authenticator.getFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new ServletHolder(new Druidish()), "/druid/*");
    context.addServlet(new ServletHolder(new PostOnly()), "/post-only");
    jetty.setHandler(context);
    jetty.start();
  }

  @AfterEach
  void stop() throws Exception {
    jetty.stop();
    keys.close();
  }

  /** Answers the way Druid's resources do, by path. */
  static final class Druidish extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      switch (req.getPathInfo()) {
        case "/ok" -> body(resp, 200, "application/json", "[{\"n\":1}]");
        case "/missing" -> resp.sendError(404, "Not Found at org.eclipse.jetty.X");
        case "/bare" -> resp.setStatus(405);
        case "/boom" ->
            throw new ClassCastException(
                "class java.lang.String cannot be cast to class java.lang.Number");
        case "/union" ->
            body(
                resp,
                500,
                "application/json",
                "{\"error\":\"Unknown exception\",\"errorClass\":\"org.apache.druid.java.util.common.ISE\","
                    + "\"host\":\"broker-1\",\"errorCode\":\"legacyQueryException\",\"persona\":\"OPERATOR\","
                    + "\"category\":\"RUNTIME_FAILURE\",\"errorMessage\":\"Cannot handle subquery structure for"
                    + " dataSource: UnionDataSource{dataSources=[RestrictedDataSource{base=events}]}\","
                    + "\"context\":{\"host\":\"broker-1\",\"errorClass\":\"org.apache.druid.java.util.common.ISE\","
                    + "\"legacyErrorCode\":\"Unknown exception\"}}");
        case "/invalid" ->
            body(
                resp,
                400,
                "application/json",
                "{\"error\":\"druidException\",\"errorCode\":\"invalidInput\",\"persona\":\"USER\","
                    + "\"category\":\"INVALID_INPUT\",\"errorMessage\":\"Cannot deserialize value of type"
                    + " `org.apache.calcite.avatica.SqlType` from String\\n\\tat org.apache.X.y(X.java:1)\"}");
        case "/late-error" -> {
          // Druid's SQL resource takes the stream before it knows the query fails.
          javax.servlet.ServletOutputStream out = resp.getOutputStream();
          resp.setStatus(500);
          resp.setContentType("application/json");
          out.write(
              ("{\"error\":\"druidException\",\"errorCode\":\"general\",\"persona\":\"DEVELOPER\","
                      + "\"category\":\"DEFENSIVE\",\"errorMessage\":\"Base dataSource[RestrictedDataSource{"
                      + "base=events}] is not a table!\"}")
                  .getBytes(StandardCharsets.UTF_8));
          out.close();
        }
        case "/unauthenticated" -> {
          // Druid's PreResponseAuthorizationCheckFilter, for a request without a credential.
          javax.servlet.ServletOutputStream out = resp.getOutputStream();
          resp.setStatus(401);
          resp.setContentType("application/json");
          out.write(
              "{\"error\":\"Unauthorized request\",\"errorMessage\":null,\"errorClass\":null,\"host\":\"localhost\"}"
                  .getBytes(StandardCharsets.UTF_8));
          out.close();
        }
        case "/unclosed" -> {
          // Written through the writer and never closed: Jetty ends the body itself.
          resp.setStatus(500);
          resp.setContentType("application/json");
          resp.getWriter()
              .write(
                  "{\"error\":\"Unknown exception\",\"errorClass\":\"org.apache.druid.X\","
                      + "\"errorMessage\":\"java.lang.IllegalStateException: broken\"}");
        }
        case "/ok-unclosed" -> {
          resp.setContentType("application/json");
          resp.getWriter().write("[{\"n\":2}]");
        }
        case "/avatica" ->
            body(resp, 500, "application/json", "{\"response\":\"error\",\"errorMessage\":\"x\"}");
        case "/html" -> body(resp, 500, "text/html", "<html><title>Error 500 java.lang.X</title>");
        case "/async" -> {
          AsyncContext async = req.startAsync();
          resp.setStatus(502);
          resp.setContentType("text/plain");
          async.start(
              () -> {
                try {
                  resp.getOutputStream().write("from the broker".getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
                async.complete();
              });
        }
        default -> resp.sendError(404);
      }
    }

    private static void body(HttpServletResponse resp, int status, String type, String body)
        throws IOException {
      resp.setStatus(status);
      resp.setContentType(type);
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      resp.setContentLength(bytes.length);
      resp.getOutputStream().write(bytes);
      resp.getOutputStream().close();
    }
  }

  /** Knows only POST: Jetty's {@code HttpServlet} answers anything else with sendError(405). */
  static final class PostOnly extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) {
      resp.setStatus(204);
    }
  }

  /** A status, the headers in lower case, and the body. */
  private record Answer(int status, String head, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  private Answer send(String method, String path, String authorization) throws IOException {
    int port = LoopbackJetty.port(jetty);
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      String request =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n"
              + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
              + "\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(out);
      String text = out.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      return new Answer(
          Integer.parseInt(text.substring(9, 12)),
          text.substring(0, split).toLowerCase(Locale.ROOT),
          text.substring(split + 4));
    }
  }

  /**
   * Two requests on one connection, each with a body nobody reads: the status of the first, and of
   * the second when the server kept the connection open (-1 when it closed it).
   */
  private int[] twoOnOneConnection(String path, String authorization) throws IOException {
    int port = LoopbackJetty.port(jetty);
    String body = "{\"query\":\"" + "x".repeat(2_000) + "\"}";
    String request =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length()
            + "\r\n"
            + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
            + "\r\n"
            + body;
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      java.io.InputStream in = socket.getInputStream();
      int[] statuses = new int[2];
      for (int i = 0; i < 2; i++) {
        try {
          socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
          statuses[i] = readOne(in);
        } catch (IOException closed) {
          statuses[i] = -1;
        }
      }
      return statuses;
    }
  }

  /** Reads one answer by its Content-Length; its status, or -1 at the end of the stream. */
  private static int readOne(java.io.InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return -1;
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int at = text.toLowerCase(Locale.ROOT).indexOf("content-length:");
    int length = Integer.parseInt(text.substring(at + 15, text.indexOf("\r\n", at)).trim());
    in.readNBytes(length);
    return Integer.parseInt(text.substring(9, 12));
  }

  @Test
  void aRewrittenErrorKeepsTheConnectionOpen() throws IOException {
    // Longer than what Druid wrote, and shorter.
    assertThat(twoOnOneConnection("/druid/unauthenticated", null)).containsExactly(401, 401);
    assertThat(twoOnOneConnection("/druid/union", "Bearer " + OPERATOR)).containsExactly(400, 400);
  }

  private static void assertDruidJson(Answer answer, int status, String category)
      throws IOException {
    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.head()).contains("content-type: application/json");
    JsonNode json = answer.json();
    assertThat(json.path("error").asText()).isEqualTo("druidException");
    assertThat(json.path("category").asText()).isEqualTo(category);
    assertThat(json.path("errorMessage").asText()).isNotBlank();
    assertThat(answer.body().replace("druidException", "Druid's error code"))
        .doesNotContain(
            "<html", "java.lang", "org.apache", "org.eclipse", "errorClass", "Exception");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Bearer cnp_nope, unknown key",
    "Basic YTpub3Bl, wrong key (a:nope)",
    "Bearer cnp_INGESTONLYKEY_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb, ingest-only key",
  })
  void aRefusedCredentialIsA401InJson(String authorization, String what) throws IOException {
    Answer answer = send("POST", "/druid/ok", authorization);

    assertDruidJson(answer, 401, "UNAUTHORIZED");
    assertThat(answer.head()).contains("www-authenticate: basic realm=\"canopy\"");
    assertThat(answer.json().path("errorMessage").asText())
        .as(what)
        .isEqualTo(CanopyAuthenticator.REFUSED);
  }

  /** A key the control plane could not be asked about is its trouble: 503, to retry. */
  @Test
  void aKeyThatCannotBeCheckedIsA503WithRetryAfter() throws IOException {
    keys.close();

    Answer answer = send("POST", "/druid/ok", "Bearer " + KEY_A);

    assertDruidJson(answer, 503, "SERVICE_UNAVAILABLE");
    assertThat(answer.head()).contains("retry-after: 5").doesNotContain("www-authenticate");
    assertThat(answer.json().path("errorMessage").asText())
        .isEqualTo(CanopyAuthenticator.UNAVAILABLE);
  }

  @Test
  void aSuccessPassesAsWritten() throws IOException {
    Answer answer = send("GET", "/druid/ok", "Bearer " + OPERATOR);
    Answer unclosed = send("GET", "/druid/ok-unclosed", "Bearer " + OPERATOR);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("[{\"n\":1}]");
    assertThat(unclosed.status()).isEqualTo(200);
    assertThat(unclosed.body()).isEqualTo("[{\"n\":2}]");
  }

  @Test
  void anErrorBodyJettyEndsItselfIsCleanedToo() throws IOException {
    Answer answer = send("GET", "/druid/unclosed", "Bearer " + OPERATOR);

    assertThat(answer.status()).isEqualTo(500);
    assertThat(answer.json().path("errorMessage").asText()).isEqualTo("broken");
    assertThat(answer.body()).doesNotContain("errorClass", "java.lang", "org.apache");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "GET, /druid/missing, 404, NOT_FOUND",
    "GET, /druid/nothing, 404, NOT_FOUND",
    "GET, /druid/bare, 405, INVALID_INPUT",
    "GET, /post-only, 405, INVALID_INPUT",
    "PUT, /post-only, 405, INVALID_INPUT",
    "DELETE, /post-only, 405, INVALID_INPUT",
    "post, /post-only, 501, UNSUPPORTED",
    "GET, /druid/boom, 500, UNCATEGORIZED",
    "GET, /druid/html, 500, UNCATEGORIZED",
  })
  void jettysAndDruidsBareErrorsAreDruidJson(
      String method, String path, int status, String category) throws IOException {
    assertDruidJson(send(method, path, "Bearer " + OPERATOR), status, category);
  }

  @Test
  void druidsErrorJsonLosesClassNamesHostsAndStackTraces() throws IOException {
    Answer answer = send("POST", "/druid/invalid", "Bearer " + OPERATOR);

    assertDruidJson(answer, 400, "INVALID_INPUT");
    assertThat(answer.json().path("errorMessage").asText())
        .isEqualTo("Cannot deserialize value of type `SqlType` from String");
  }

  @Test
  void aUnionOverTheRowFilteredTableIsAPlainRefusal() throws IOException {
    Answer answer = send("POST", "/druid/union", "Basic " + basic("operator", OPERATOR));

    assertDruidJson(answer, 400, "INVALID_INPUT");
    assertThat(answer.json().path("errorMessage").asText()).isEqualTo(JsonErrors.RESTRICTED_QUERY);
    assertThat(answer.body()).doesNotContain("broker-1", "Restricted");
  }

  @Test
  void anErrorWrittenToAStreamTakenBeforeTheStatusIsCleanedToo() throws IOException {
    Answer answer = send("POST", "/druid/late-error", "Bearer " + OPERATOR);

    assertDruidJson(answer, 400, "INVALID_INPUT");
    assertThat(answer.json().path("errorMessage").asText()).isEqualTo(JsonErrors.RESTRICTED_QUERY);
  }

  @Test
  void druidsOwn401WithoutACredentialSaysWhatIsMissing() throws IOException {
    Answer answer = send("POST", "/druid/unauthenticated", null);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.json().path("error").asText()).isEqualTo("Unauthorized request");
    assertThat(answer.json().path("errorMessage").asText()).contains("No valid credential");
    assertThat(answer.body()).doesNotContain("host", "errorClass");
  }

  @Test
  void avaticasErrorsLoseTheirStackTracesAndAsyncAnswersPassAsWritten() throws IOException {
    Answer avatica = send("POST", "/druid/avatica", "Bearer " + OPERATOR);
    Answer async = send("POST", "/druid/async", "Bearer " + OPERATOR);

    assertThat(avatica.status()).isEqualTo(500);
    assertThat(avatica.body())
        .isEqualTo("{\"response\":\"error\",\"errorMessage\":\"x\",\"exceptions\":[]}");
    assertThat(async.status()).isEqualTo(502);
    assertThat(async.body()).contains("from the broker");
  }

  private static String basic(String user, String password) {
    return java.util.Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
