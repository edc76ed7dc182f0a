package io.canopy.druid.auth.avatica;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.druid.auth.IntrospectionServer;
import io.canopy.druid.auth.LoopbackJetty;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guard on a real Jetty, in front of a handler that answers Avatica's path the way Druid's does
 * (reading the request from the {@code request} header, else the body) and records what ran: a
 * connection serves only the caller that opened it, and a refusal runs nothing.
 */
class AvaticaGuardTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY_A = "cnp_AAAAAAAAAAAA_" + "a".repeat(40);
  private static final String KEY_B = "cnp_BBBBBBBBBBBB_" + "b".repeat(40);
  private static final String OPERATOR = "operator-password-for-tests";
  private static final String PATH = "/druid/v2/sql/avatica/";

  private static final String AVATICA_ERROR =
      "{\"response\":\"error\",\"exceptions\":[\"java.lang.IllegalStateException: broken\\n\\tat"
          + " org.apache.druid.sql.avatica.DruidMeta.prepare(DruidMeta.java:1)\"],\"errorMessage\":"
          + "\"Error while executing SQL: java.lang.IllegalStateException: broken\",\"errorCode\":-1,"
          + "\"sqlState\":\"00000\",\"severity\":\"ERROR\"}";
  private static final String AVATICA_NOT_FOUND =
      "{\"response\":\"error\",\"exceptions\":[],\"errorMessage\":\"Error while executing SQL:"
          + " Object 'p3c' not found within 'druid'; did you mean 'p3c-4f1_web'?\",\"errorCode\":-1,"
          + "\"sqlState\":\"00000\",\"severity\":\"ERROR\"}";

  private final IntrospectionServer keys = new IntrospectionServer();
  private final List<String> ran = new CopyOnWriteArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private Server jetty;

  AvaticaGuardTest() throws IOException {
    keys.grant(KEY_A, "a", "\"query\"", "");
    keys.grant(KEY_B, "b", "\"query\"", "");
  }

  /** Answers like Druid's Avatica handler: 500 for an open it refuses (id {@code refused}). */
  private final class Avaticaish extends AbstractHandler {
    @Override
    public void handle(
        String target, Request base, HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      if (!request.getRequestURI().startsWith("/druid/v2/sql/avatica")) {
        return;
      }
      String header = request.getHeader("request");
      String text =
          header != null
              ? header
              : new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      ran.add(text);
      if (text.contains("SELECT boom") || text.contains("SELECT ghost")) {
        response.setStatus(500);
        response.setContentType("application/json");
        response
            .getOutputStream()
            .write(
                (text.contains("boom") ? AVATICA_ERROR : AVATICA_NOT_FOUND)
                    .getBytes(StandardCharsets.UTF_8));
        base.setHandled(true);
        return;
      }
      boolean refused = text.contains("\"refused\"");
      response.setStatus(refused ? 500 : 200);
      response.setContentType("application/json");
      response
          .getOutputStream()
          .write(
              (refused ? "{\"response\":\"error\"}" : "{\"response\":\"ok\"}")
                  .getBytes(StandardCharsets.UTF_8));
      base.setHandled(true);
    }
  }

  @BeforeEach
  void start() throws Exception {
    jetty = LoopbackJetty.create();
    jetty.setHandler(new Avaticaish());
    jetty.insertHandler(
        new AvaticaGuard(
            keys.authenticator(OPERATOR),
            new AvaticaSessions(2, Duration.ofMinutes(6), System::nanoTime),
            360));
    jetty.start();
  }

  @AfterEach
  void stop() throws Exception {
    jetty.stop();
    keys.close();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String open(String id, String user, String key) {
    return "{\"request\":\"openConnection\",\"connectionId\":\""
        + id
        + "\",\"info\":{\"user\":\""
        + user
        + "\",\"password\":\""
        + key
        + "\"}}";
  }

  private static String execute(String id) {
    return "{\"request\":\"prepareAndExecute\",\"connectionId\":\""
        + id
        + "\",\"statementId\":1,\"sql\":\"SELECT tenant, campaign FROM events\",\"maxRowCount\":-1}";
  }

  private HttpResponse<String> post(
      String path, String authorization, String body, String... headers)
      throws IOException, InterruptedException {
    int port = LoopbackJetty.port(jetty);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String authorization, String body)
      throws IOException, InterruptedException {
    return post(PATH, authorization, body);
  }

  private static String message(HttpResponse<String> answer) throws IOException {
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode body = JSON.readTree(answer.body());
    return body.path("errorMessage").asText();
  }

  @Test
  void bsConnectionServesBAndNeitherAnotherTenantNorNoCredential() throws Exception {
    assertThat(post(basic("b", KEY_B), open("c1", "b", KEY_B)).statusCode()).isEqualTo(200);
    ran.clear();

    HttpResponse<String> asA = post(basic("a", KEY_A), execute("c1"));
    HttpResponse<String> anonymous = post(null, execute("c1"));
    HttpResponse<String> bearerA = post("Bearer " + KEY_A, execute("c1"));

    assertThat(asA.statusCode()).isEqualTo(403);
    assertThat(message(asA)).isEqualTo(AvaticaGuard.NOT_YOURS);
    assertThat(bearerA.statusCode()).isEqualTo(403);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(message(anonymous)).isEqualTo(AvaticaGuard.NO_CREDENTIAL);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(ran).isEmpty();

    assertThat(post(basic("b", KEY_B), execute("c1")).statusCode()).isEqualTo(200);
    assertThat(ran).hasSize(1);
  }

  @Test
  void avaticasErrorsLoseTheirStackTracesAndNameNoTable() throws Exception {
    post(basic("a", KEY_A), open("c1", "a", KEY_A));

    HttpResponse<String> boom =
        post(
            basic("a", KEY_A),
            execute("c1").replace("SELECT tenant, campaign FROM events", "SELECT boom"));
    HttpResponse<String> ghost =
        post(
            basic("a", KEY_A),
            execute("c1").replace("SELECT tenant, campaign FROM events", "SELECT ghost"));

    assertThat(boom.statusCode()).isEqualTo(500);
    JsonNode error = JSON.readTree(boom.body());
    assertThat(error.path("response").asText()).isEqualTo("error");
    assertThat(error.path("exceptions").isEmpty()).isTrue();
    assertThat(boom.body()).doesNotContain("java.lang", "org.apache", "\\tat");
    assertThat(error.path("errorMessage").asText()).contains("broken");
    assertThat(JSON.readTree(ghost.body()).path("errorMessage").asText())
        .isEqualTo("The query names a table that does not exist or that the caller may not read.");
  }

  @Test
  void anotherTenantsIdAndAnIdNobodyOpenedGetOneAnswer() throws Exception {
    post(basic("b", KEY_B), open("c1", "b", KEY_B));

    HttpResponse<String> others = post(basic("a", KEY_A), execute("c1"));
    HttpResponse<String> nobodys = post(basic("a", KEY_A), execute("c404"));

    assertThat(others.statusCode()).isEqualTo(nobodys.statusCode());
    assertThat(others.body()).isEqualTo(nobodys.body());
  }

  @Test
  void theRequestHeaderIsReadAsAvaticaReadsIt() throws Exception {
    post(basic("b", KEY_B), open("c1", "b", KEY_B));
    post(basic("a", KEY_A), open("c2", "a", KEY_A));
    ran.clear();

    // Avatica reads the header and ignores the body: the header names B's connection.
    HttpResponse<String> smuggled =
        post(PATH, basic("a", KEY_A), execute("c2"), "request", execute("c1"));

    assertThat(smuggled.statusCode()).isEqualTo(403);
    assertThat(ran).isEmpty();
  }

  @Test
  void anExecuteIsJudgedByTheConnectionOfItsStatementHandle() throws Exception {
    post(basic("b", KEY_B), open("c1", "b", KEY_B));
    post(basic("a", KEY_A), open("c2", "a", KEY_A));
    ran.clear();
    String bs = "{\"request\":\"execute\",\"statementHandle\":{\"connectionId\":\"c1\",\"id\":1}}";
    String mixed =
        "{\"request\":\"execute\",\"connectionId\":\"c2\",\"statementHandle\":{\"connectionId\":\"c1\",\"id\":1}}";

    assertThat(post(basic("a", KEY_A), bs).statusCode()).isEqualTo(403);
    assertThat(post(basic("a", KEY_A), mixed).statusCode()).isEqualTo(400);
    assertThat(ran).isEmpty();
    assertThat(post(basic("b", KEY_B), bs).statusCode()).isEqualTo(200);
  }

  @Test
  void anOpenWhoseJdbcUserIsNotTheCallerIsRefused() throws Exception {
    HttpResponse<String> asB = post(basic("a", KEY_A), open("c1", "b", KEY_B));
    HttpResponse<String> noPassword =
        post(
            basic("a", KEY_A),
            "{\"request\":\"openConnection\",\"connectionId\":\"c2\",\"info\":{\"user\":\"a\"}}");

    assertThat(asB.statusCode()).isEqualTo(403);
    assertThat(message(asB)).isEqualTo(AvaticaGuard.OTHER_USER);
    assertThat(noPassword.statusCode()).isEqualTo(403);
    assertThat(ran).isEmpty();
    // Nothing was bound: B may open the id.
    assertThat(post(basic("b", KEY_B), open("c1", "b", KEY_B)).statusCode()).isEqualTo(200);
  }

  @Test
  void anAnonymousOrWrongCredentialOpenRunsNothing() throws Exception {
    HttpResponse<String> anonymous = post(null, open("c1", "b", KEY_B));
    HttpResponse<String> wrong = post(basic("b", "not-a-key"), open("c1", "b", KEY_B));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(ran).isEmpty();
  }

  @Test
  void aCallerHoldsAtMostItsLimitAndAClosedOrRefusedOpenFreesItsPlace() throws Exception {
    assertThat(post(basic("a", KEY_A), open("a1", "a", KEY_A)).statusCode()).isEqualTo(200);
    assertThat(post(basic("a", KEY_A), open("refused", "a", KEY_A)).statusCode()).isEqualTo(500);
    assertThat(post(basic("a", KEY_A), open("a2", "a", KEY_A)).statusCode()).isEqualTo(200);

    HttpResponse<String> third = post(basic("a", KEY_A), open("a3", "a", KEY_A));
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("Retry-After")).hasValue("360");
    assertThat(post(basic("b", KEY_B), open("b1", "b", KEY_B)).statusCode()).isEqualTo(200);

    String close = "{\"request\":\"closeConnection\",\"connectionId\":\"a1\"}";
    assertThat(post(basic("b", KEY_B), close).statusCode()).isEqualTo(403);
    assertThat(post(basic("a", KEY_A), close).statusCode()).isEqualTo(200);
    assertThat(post(basic("a", KEY_A), open("a3", "a", KEY_A)).statusCode()).isEqualTo(200);
  }

  /** Every statement of a tenant's connection runs with at most its timeout and priority. */
  @Test
  void aTenantsOpenCarriesItsTimeoutAndPriority() throws Exception {
    String asked =
        open("bounded", "a", KEY_A)
            .replace("}}", ",\"timeout\":\"999999999\",\"priority\":\"100\",\"lane\":\"vip\"}}");
    assertThat(post(basic("a", KEY_A), asked).statusCode()).isEqualTo(200);

    JsonNode info = JSON.readTree(ran.get(ran.size() - 1)).path("info");
    assertThat(info.path("timeout").asLong()).isEqualTo(30_000);
    assertThat(info.path("priority").asInt()).isEqualTo(0);
    assertThat(info.has("lane")).isFalse();
    assertThat(info.path("user").asText()).isEqualTo("a");
  }

  @Test
  void anOpenIdCannotBeTakenOver() throws Exception {
    post(basic("b", KEY_B), open("c1", "b", KEY_B));

    HttpResponse<String> again = post(basic("a", KEY_A), open("c1", "a", KEY_A));

    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(post(basic("b", KEY_B), execute("c1")).statusCode()).isEqualTo(200);
  }

  @Test
  void whatCannotBeAttributedToAConnectionIsRefused() throws Exception {
    assertThat(post(basic("a", KEY_A), "not json").statusCode()).isEqualTo(400);
    assertThat(post(basic("a", KEY_A), "[1]").statusCode()).isEqualTo(400);
    // A key given twice: Avatica reads the first "request", Jackson's tree the last.
    assertThat(
            post(
                    basic("a", KEY_A),
                    "{\"request\":\"prepareAndExecute\",\"connectionId\":\"c9\","
                        + "\"request\":\"closeConnection\"}")
                .statusCode())
        .isEqualTo(400);
    HttpResponse<String> noId = post(basic("a", KEY_A), "{\"request\":\"getCatalogs\"}");
    assertThat(noId.statusCode()).isEqualTo(400);
    assertThat(message(noId)).contains("connectionId");
    assertThat(post("/druid/v2/sql/avatica-protobuf/", basic("a", KEY_A), "x").statusCode())
        .isEqualTo(415);
    assertThat(
            post(
                    basic("a", KEY_A),
                    "{\"x\":\"" + "y".repeat(AvaticaGuard.MAX_REQUEST_BYTES) + "\"}")
                .statusCode())
        .isEqualTo(413);
    assertThat(ran).isEmpty();
  }

  @Test
  void theOperatorIsBoundLikeAnyCaller() throws Exception {
    assertThat(post("Bearer " + OPERATOR, open("o1", "operator", OPERATOR)).statusCode())
        .isEqualTo(200);

    assertThat(post(basic("a", KEY_A), execute("o1")).statusCode()).isEqualTo(403);
    assertThat(post(basic("operator", OPERATOR), execute("o1")).statusCode()).isEqualTo(200);
  }

  @Test
  void otherPathsPassUnchecked() throws Exception {
    int port = LoopbackJetty.port(jetty);
    HttpResponse<String> other =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(other.statusCode()).isEqualTo(404); // Jetty's: no handler took it
  }
}
