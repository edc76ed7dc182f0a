package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.stack.client.IngestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The errors a new user meets in the first hour, on the real stack: through the query API, every
 * mistake is a 4xx whose JSON names the field, and a query Druid refuses or cannot run is a 422
 * with Druid's message, never a 503 with {@code Retry-After}; in Druid itself, as a tenant, every
 * error is Druid's JSON, without a Java class name, a host or an HTML page.
 */
@ExtendWith(LocalStackExtension.class)
class ErrorAnswersIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(60);

  private static String slug;
  private static String queryKey;
  private static String ingestKey;

  @BeforeAll
  static void aTenantWithARow() {
    slug = "err-" + UUID.randomUUID().toString().substring(0, 6);
    queryKey = AdminApi.operator().tenantWithKey(slug, null, "query");
    ingestKey = AdminApi.operator().key(slug, "ingest").get("key").asText();
    IngestClient.Response sent =
        new IngestClient(LocalStackExtension.stack().ports().controlPlaneUrl(), ingestKey)
            .post(List.of(Events.event("page_view", Instant.now(), "errors")));
    assertThat(sent.status()).as(sent.body()).isEqualTo(200);
    // Druid plans against the events table's schema, so the table must be there first.
    Await.until(
        VISIBLE_WITHIN,
        () -> druid("POST", "/druid/v2/sql", basic(), sql("SELECT COUNT(*) AS n FROM events")),
        r -> r.status() == 200 && r.json().path(0).path("n").asLong() > 0,
        "the tenant's event in Druid");
  }

  /** What came back: the status, the headers that matter and the body. */
  record Reply(int status, String contentType, String retryAfter, String challenge, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  private static Reply send(String base, String method, String path, String auth, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      request.header("Authorization", auth);
    }
    try {
      HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(
          r.statusCode(),
          r.headers().firstValue("Content-Type").orElse(""),
          r.headers().firstValue("Retry-After").orElse(null),
          r.headers().firstValue("WWW-Authenticate").orElse(null),
          r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Reply api(String method, String path, String body) {
    return send(
        LocalStackExtension.stack().ports().controlPlaneUrl(),
        method,
        path,
        "Bearer " + queryKey,
        body);
  }

  private static Reply druid(String method, String path, String auth, String body) {
    return send(LocalStackExtension.stack().ports().routerUrl(), method, path, auth, body);
  }

  private static String basic() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((slug + ":" + queryKey).getBytes(StandardCharsets.UTF_8));
  }

  private static String sql(String query) {
    return JSON.createObjectNode().put("query", query).toString();
  }

  /** JSON, never a page; no Java class name, host or stack trace. */
  private static void assertClean(Reply r) {
    assertThat(r.contentType()).as(r.body()).startsWith("application/json");
    assertThat(r.body().replace("druidException", "Druid's code"))
        .doesNotContain("<html", "java.", "org.apache", "org.eclipse", "Exception", "errorClass");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "division by zero    | SELECT 1/0",
        "MOD by zero         | SELECT MOD(1, 0)",
        "LIMIT past 2^31     | SELECT * FROM events LIMIT 2147483648",
        "OFFSET past 2^31    | SELECT * FROM events ORDER BY __time LIMIT 10 OFFSET 9223372036854775807",
        "IN (SELECT ...)     | SELECT COUNT(*) FROM events WHERE page IN (SELECT page FROM events)",
        "self-join           | SELECT COUNT(*) FROM events a JOIN events b ON a.page = b.page",
        "join of subqueries  | SELECT COUNT(*) FROM (SELECT page FROM events) a JOIN (SELECT page FROM events) b ON a.page = b.page",
        "UNION ALL inside    | SELECT COUNT(*) FROM (SELECT * FROM events UNION ALL SELECT * FROM events)",
        "unknown PII key     | SELECT PII_PSEUDONYMIZE(page, 'no-such-key') FROM events LIMIT 1",
        "unknown column      | SELECT nosuchcolumn FROM events",
      })
  void aQueryDruidRefusesIsA422WithItsMessageNeverAnOutage(String what, String query) {
    Reply r = api("POST", "/v1/sql", sql(query));

    assertThat(r.status()).as(what + ": " + r.body()).isEqualTo(422);
    assertThat(r.retryAfter()).isNull();
    assertThat(r.json().path("field").asText()).isEqualTo("query");
    assertThat(r.json().path("error").asText()).startsWith("Druid ");
    assertClean(r);
  }

  @Test
  void ourOwnChecksComeFirstAndNameTheField() {
    Reply parameter =
        api(
            "POST",
            "/v1/sql",
            "{\"query\":\"SELECT ?\",\"parameters\":[{\"type\":\"BIGINT\",\"value\":\"abc\"}]}");
    Reply lowerCaseType =
        api(
            "POST",
            "/v1/sql",
            "{\"query\":\"SELECT ? AS v\",\"parameters\":[{\"type\":\"varchar\",\"value\":\"x\"}]}");
    String comments = "/**/".repeat(16_000);
    Reply commentedRead = api("POST", "/v1/sql", sql(comments + "SELECT 1 AS n"));
    Reply commentedWrite = api("POST", "/v1/sql", sql(comments + "DELETE FROM events"));
    Reply filterType =
        api(
            "POST",
            "/v1/query",
            "{\"measures\":[\"events\"],\"range\":{\"relative\":\"last 1h\"},\"filter\":{\"type\":"
                + "\"and\",\"filters\":[{\"type\":\"equals\",\"dimension\":\"country\",\"value\":\"JP\"},"
                + "{\"type\":\"expression\",\"dimension\":\"country\",\"value\":\"JP\"}]}}");

    assertThat(parameter.status()).isEqualTo(400);
    assertThat(parameter.json().path("field").asText()).isEqualTo("parameters[0].value");
    assertThat(lowerCaseType.status()).as(lowerCaseType.body()).isEqualTo(200);
    assertThat(lowerCaseType.json().path("rows").path(0).path("v").asText()).isEqualTo("x");
    assertThat(commentedRead.status()).as(commentedRead.body()).isEqualTo(200);
    assertThat(commentedRead.json().path("rows").path(0).path("n").asInt()).isEqualTo(1);
    assertThat(commentedWrite.status()).isEqualTo(400);
    assertThat(filterType.status()).isEqualTo(400);
    assertThat(filterType.json().path("field").asText()).isEqualTo("filter.filters[1].type");
    for (Reply r : List.of(parameter, commentedWrite, filterType)) {
      assertClean(r);
    }
  }

  @Test
  void aFilterDruid33CannotPlanIsNeverReportedAsAnOutage() {
    Reply r =
        api(
            "POST",
            "/v1/query",
            "{\"measures\":[\"events\"],\"range\":{\"relative\":\"last 1h\"},\"filter\":{\"type\":"
                + "\"not\",\"filter\":{\"type\":\"and\",\"filters\":["
                + "{\"type\":\"equals\",\"dimension\":\"country\",\"value\":\"JP\"},"
                + "{\"type\":\"equals\",\"dimension\":\"country\",\"value\":\"GB\"},"
                + "{\"type\":\"equals\",\"dimension\":\"device\",\"value\":\"mobile\"}]}}}");

    // Answered (once the compiler simplifies the contradiction) or refused: never a 503.
    assertThat(r.status()).as(r.body()).isIn(200, 422);
    assertThat(r.retryAfter()).isNull();
  }

  @Test
  void druidsAnswersToATenantAreDruidsJson() {
    Reply union =
        druid(
            "POST",
            "/druid/v2/sql",
            basic(),
            sql("SELECT COUNT(*) FROM (SELECT * FROM events UNION ALL SELECT * FROM events)"));
    Reply piiKey =
        druid(
            "POST",
            "/druid/v2/sql",
            basic(),
            sql("SELECT PII_PSEUDONYMIZE(page, 'no-such-key') FROM events LIMIT 1"));
    Reply parameter =
        druid(
            "POST",
            "/druid/v2/sql",
            basic(),
            "{\"query\":\"SELECT ?\",\"parameters\":[{\"type\":\"BIGINT\",\"value\":\"abc\"}]}");
    Reply nativeType =
        druid(
            "POST",
            "/druid/v2",
            basic(),
            "{\"queryType\":\"timeseries\",\"dataSource\":\"events\",\"intervals\":[\"2000/3000\"],"
                + "\"granularity\":\"all\",\"filter\":{\"type\":\"varchar\",\"dimension\":\"page\","
                + "\"value\":\"/\"},\"aggregations\":[{\"type\":\"count\",\"name\":\"n\"}]}");

    assertThat(union.status()).isEqualTo(400);
    assertThat(union.json().path("errorMessage").asText()).contains("row policy", "UNION ALL");
    assertThat(piiKey.status()).isEqualTo(400);
    assertThat(piiKey.json().path("category").asText()).isEqualTo("INVALID_INPUT");
    assertThat(piiKey.json().path("errorMessage").asText())
        .contains("Function[pii_pseudonymize]", "no-such-key");
    assertThat(parameter.status()).isEqualTo(500);
    assertThat(nativeType.status()).isEqualTo(400);
    assertThat(nativeType.json().path("errorMessage").asText())
        .startsWith("Unknown type 'varchar' in 'filter'");
    for (Reply r : List.of(union, piiKey, parameter, nativeType)) {
      assertClean(r);
    }
  }

  @Test
  void druidsRefusalsOfACallerAreJsonToo() {
    String wrongKey =
        "Basic "
            + Base64.getEncoder().encodeToString((slug + ":nope").getBytes(StandardCharsets.UTF_8));
    String ingestOnly = "Bearer " + ingestKey;
    String body = sql("SELECT 1");
    List<Reply> unauthorized =
        List.of(
            druid("POST", "/druid/v2/sql", wrongKey, body),
            druid("POST", "/druid/v2/sql", ingestOnly, body),
            druid("POST", "/druid/v2/sql", null, body));
    String operator = "Bearer " + LocalStackExtension.operatorToken();
    Reply notFound = druid("GET", "/no/such/path", operator, null);
    Reply brokerNotFound =
        send(LocalStackExtension.stack().ports().brokerUrl(), "GET", "/no/such", operator, null);
    List<Reply> notAllowed =
        List.of(
            druid("PUT", "/druid/v2/sql", operator, body),
            druid("TRACE", "/druid/v2/sql", operator, null),
            druid("post", "/druid/v2/sql", operator, body));
    // A tenant reaches nothing but the query APIs: any other path or method is one refusal.
    List<Reply> notForATenant =
        List.of(
            druid("GET", "/no/such/path", basic(), null),
            send(LocalStackExtension.stack().ports().brokerUrl(), "GET", "/no/such", basic(), null),
            druid("PUT", "/druid/v2/sql", basic(), body),
            druid("post", "/druid/v2/sql", basic(), body));

    for (Reply r : unauthorized) {
      assertThat(r.status()).as(r.body()).isEqualTo(401);
      assertThat(r.challenge()).startsWith("Basic");
      assertThat(r.json().path("errorMessage").asText()).isNotBlank();
      assertClean(r);
    }
    for (Reply r : List.of(notFound, brokerNotFound)) {
      assertThat(r.status()).isEqualTo(404);
      assertClean(r);
    }
    for (Reply r : notAllowed) {
      assertThat(r.status()).as(r.body()).isEqualTo(405);
      assertClean(r);
    }
    for (Reply r : notForATenant) {
      assertThat(r.status()).as(r.body()).isEqualTo(403);
      assertThat(r.json().path("errorMessage").asText())
          .startsWith("A tenant may call only Druid's query APIs");
      assertClean(r);
    }
  }
}
