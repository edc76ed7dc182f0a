package io.canopy.controlplane.http;

import static io.canopy.controlplane.http.ApiClient.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile input on the real application: each case answers a clean 4xx whose JSON body names the
 * field, no message names a Java class or exception, and nothing is stored. Raw sockets send what a
 * well-behaved client library would refuse to.
 */
class HostileInputTest extends ApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ApiClient api = api();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "NUL in a tenant name    | {\"slug\":\"nul-a\",\"name\":\"a\\u0000b\"}              | name",
        "lone high surrogate     | {\"slug\":\"sur-a\",\"name\":\"a\\uD800b\"}              | name",
        "lone low surrogate      | {\"slug\":\"sur-b\",\"name\":\"\\uDC00\"}                | name",
        "fractional quota        | {\"slug\":\"frac\",\"name\":\"x\",\"quotas\":{\"ingestEventsPerSecond\":1.5}} | quotas.ingestEventsPerSecond",
        "an array for the body   | [{\"slug\":\"arr\"}]                                     | body",
        "a string for the body   | \"tenant\"                                              | body",
      })
  void badTenantBodiesAre400NamingTheFieldAndStoreNothing(String what, String body, String field) {
    ApiClient.Answer answer = api.post("/v1/tenants", OPERATOR, body);

    assertThat(answer.status()).as(what).isEqualTo(400);
    assertThat(answer.field()).as(what).isEqualTo(field);
    assertNoInternals(answer.body());
    assertThat(api.get("/v1/tenants?limit=100", OPERATOR).body().toString())
        .doesNotContain("nul-a", "sur-a", "sur-b", "frac", "\"arr\"");
  }

  @Test
  void aFractionalQuotaSaysItMustBeAWholeNumber() {
    ApiClient.Answer answer =
        api.post(
            "/v1/tenants",
            OPERATOR,
            "{\"slug\":\"frac2\",\"name\":\"x\",\"quotas\":{\"maxBatchEvents\":2.0}}");

    assertThat(answer.error()).isEqualTo("quotas.maxBatchEvents must be a whole number");
  }

  @Test
  void nulInAKeyNameIs400AndNoKeyIsMade() {
    api.createTenant("keyed");

    ApiClient.Answer answer =
        api.post("/v1/tenants/keyed/keys", OPERATOR, "{\"name\":\"web\\u0000\",\"scopes\":[]}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.field()).isEqualTo("name");
    assertThat(api.get("/v1/tenants/keyed/keys", OPERATOR).body().get("items")).isEmpty();
  }

  @Test
  void nulInQueryParametersIs400NamingTheParameter() {
    ApiClient.Answer cursor = api.get("/v1/tenants?after=a%00b", OPERATOR);
    ApiClient.Answer audit = api.get("/v1/audit?tenant=a%00b", OPERATOR);

    assertThat(cursor.status()).isEqualTo(400);
    assertThat(cursor.field()).isEqualTo("after");
    assertThat(audit.status()).isEqualTo(400);
    assertThat(audit.field()).isEqualTo("tenant");
  }

  @Test
  void overlongAndInvalidUtf8BodiesAre400() throws Exception {
    // "C0 AF" is an overlong '/', "ED A0 80" an encoded surrogate, "FF" never UTF-8.
    for (byte[] bad :
        new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {-1}}) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write("{\"slug\":\"utf\",\"name\":\"a".getBytes(StandardCharsets.US_ASCII));
      body.write(bad);
      body.write("\"}".getBytes(StandardCharsets.US_ASCII));

      Raw answer = raw(request("POST", "/v1/tenants", body.toByteArray()));

      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.json().get("field").asText()).isEqualTo("body");
      assertThat(answer.json().get("error").asText()).contains("not valid UTF-8");
    }
    assertThat(api.get("/v1/tenants/utf", OPERATOR).status()).isEqualTo(404);
  }

  @Test
  void jettysOwnRefusalsAreJsonToo() throws Exception {
    String longHeader = "X-Padding: " + "p".repeat(20_000) + "\r\n";
    String longUri = "/v1/tenants?after=" + "a".repeat(20_000);

    Raw headers = raw(("GET /v1/tenants HTTP/1.1\r\nHost: x\r\n" + longHeader + "\r\n").getBytes());
    Raw uri = raw(("GET " + longUri + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes());
    Raw garbage = raw("GET /v1/ten ants HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
    ApiClient.Answer notFound = api.get("/v1/nothing-here", OPERATOR);
    ApiClient.Answer wrongMethod = api.call("PUT", "/v1/tenants", OPERATOR, "{}");

    assertThat(headers.status()).isEqualTo(431);
    assertThat(uri.status()).isEqualTo(414);
    assertThat(garbage.status()).isEqualTo(400);
    assertThat(notFound.status()).isEqualTo(404);
    assertThat(wrongMethod.status()).isEqualTo(405);
    for (Raw r : new Raw[] {headers, uri, garbage}) {
      assertThat(r.contentType()).startsWith("application/json");
      assertThat(r.json().get("error").asText()).isNotBlank();
    }
    assertThat(notFound.body().get("error").asText()).isNotBlank();
    assertThat(wrongMethod.body().get("error").asText()).isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"CONNECT", "TRACE", "post", "PROPFIND"})
  void aMethodTheServerDoesNotTakeIs405WithAJsonBody(String method) throws Exception {
    Raw answer = raw(request(method, "/v1/tenants", "{}".getBytes(StandardCharsets.US_ASCII)));

    assertThat(answer.status()).isEqualTo(405);
    assertThat(answer.contentType()).startsWith("application/json");
    assertThat(answer.json().path("error").asText()).contains("not allowed");
  }

  @Test
  void aBodyTricklingInIsCutOffWith408() throws Exception {
    api.createTenant("slowco");
    String key = api.createKey("slowco", "ingest");
    String event = "[{\"event\":\"click\",\"timestamp\":\"" + Instant.now() + "\"}]";
    byte[] head =
        ("POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + key
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + (event.length() + 1_000)
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      out.write(head);
      out.write(event.getBytes(StandardCharsets.US_ASCII), 0, 10);
      out.flush();
      // Then nothing: the server must give up on the body by itself.
      Raw answer = Raw.parse(socket.getInputStream());

      assertThat(answer.status()).isEqualTo(408);
      assertThat(answer.json().get("error").asText()).doesNotContain("Exception");
    }
  }

  /** Headers trickled a byte every 200 ms are cut off with 408 once 10 s have gone by. */
  @Test
  void headersTricklingInAreCutOffWith408() throws Exception {
    byte[] head =
        ("GET /v1/tenants HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(200))
            .getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      try {
        for (byte b : head) {
          out.write(b);
          out.flush();
          Thread.sleep(200); // the slow client's pace, not a wait for the server
        }
      } catch (java.io.IOException cutOff) {
        // the server ended the connection: read what it said
      }
      Raw answer = Raw.parse(socket.getInputStream());

      assertThat(answer.status()).isEqualTo(408);
      assertThat(answer.json().get("error").asText())
          .isEqualTo("The request's headers did not arrive within 10 s.");
    }
  }

  @Test
  void theAuditLogNamesARejectedFieldNeverTheValue() {
    api.post("/v1/tenants", OPERATOR, "{\"slug\":\"jane.doe@example.com\",\"name\":\"Jane\"}");

    JsonNode log = api.get("/v1/audit?limit=100", OPERATOR).body();

    assertThat(log.toString()).doesNotContain("jane").contains("slug refused");
  }

  private static void assertNoInternals(JsonNode body) {
    assertThat(body.toString())
        .doesNotContain("Exception")
        .doesNotContain("io.canopy")
        .doesNotContain("java.")
        .doesNotContain("com.fasterxml");
  }

  private static byte[] request(String method, String path, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String head =
        method
            + " "
            + path
            + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer "
            + OPERATOR
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static Raw raw(byte[] request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", APP.getLocalPort())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      return Raw.parse(socket.getInputStream());
    }
  }

  /** An HTTP/1.1 answer read off a socket: status, content type and the JSON body. */
  private record Raw(int status, String contentType, JsonNode json) {
    static Raw parse(InputStream in) throws Exception {
      String text = new String(readAnswer(in), StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String head = text.substring(0, split);
      int status = Integer.parseInt(head.substring(9, 12));
      String type = "";
      int length = -1;
      for (String line : head.split("\r\n")) {
        String lower = line.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("content-type:")) {
          type = line.substring(13).trim();
        } else if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      String body = text.substring(split + 4);
      if (length >= 0 && length <= body.length()) {
        body = body.substring(0, length);
      }
      return new Raw(status, type, JSON.readTree(body));
    }

    /** Reads until the server closes, or a full answer with its announced length has come. */
    private static byte[] readAnswer(InputStream in) throws Exception {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      byte[] chunk = new byte[8192];
      int n;
      while ((n = in.read(chunk)) > 0) {
        buf.write(chunk, 0, n);
        String soFar = buf.toString(StandardCharsets.ISO_8859_1);
        int split = soFar.indexOf("\r\n\r\n");
        int at = soFar.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
        if (split > 0 && at > 0 && at < split) {
          int end = soFar.indexOf("\r\n", at);
          int length = Integer.parseInt(soFar.substring(at + 15, end).trim());
          if (buf.size() >= split + 4 + length) {
            break;
          }
        }
      }
      return buf.toByteArray();
    }
  }
}
