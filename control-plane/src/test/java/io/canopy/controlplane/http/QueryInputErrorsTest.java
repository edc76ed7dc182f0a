package io.canopy.controlplane.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a new user got wrong in a query's body, on the real application: each is a 400 whose JSON
 * names the field and says what is allowed, never a 500 or a Java class name. Druid is unreachable
 * here, so a body that passes every check ends in a 503 naming Druid.
 */
class QueryInputErrorsTest extends ApiTest {
  private static final String FILTERS =
      "equals, in, not, contains, prefix, range, null, notNull, and, or";
  private static String key;
  private final ApiClient api = api();

  @BeforeAll
  static void tenant() {
    ApiClient api = api();
    api.createTenant("query-co");
    key = api.createKey("query-co", "query");
  }

  private static String model(String filter) {
    return "{\"measures\":[\"events\"],\"range\":{\"relative\":\"last 1h\"},\"filter\":"
        + filter
        + "}";
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "unknown type     | {\"type\":\"expression\",\"dimension\":\"country\",\"value\":\"JP\"}"
            + " | filter.type | filter.type must be one of: "
            + "LIST (got \"expression\")",
        "no type          | {\"dimension\":\"country\",\"value\":\"JP\"}"
            + " | filter.type | filter.type is required: one of LIST",
        "varchar in an and | {\"type\":\"and\",\"filters\":[{\"type\":\"equals\",\"dimension\":\"country\",\"value\":\"JP\"},"
            + "{\"type\":\"varchar\",\"dimension\":\"country\",\"value\":\"JP\"}]}"
            + " | filter.filters[1].type | filter.filters[1].type must be one of: LIST (got \"varchar\")",
        "none inside not/or | {\"type\":\"not\",\"filter\":{\"type\":\"or\",\"filters\":[{\"dimension\":\"device\"}]}}"
            + " | filter.filter.filters[0].type | filter.filter.filters[0].type is required: one of LIST",
      })
  void aFilterWithoutAKnownTypeIs400NamingItsTypeField(
      String what, String filter, String field, String error) {
    ApiClient.Answer answer = api.post("/v1/query", key, model(filter));

    assertThat(answer.status()).as(what).isEqualTo(400);
    assertThat(answer.field()).isEqualTo(field);
    assertThat(answer.error()).isEqualTo(error.replace("LIST", FILTERS));
  }

  @Test
  void aFilterNestedPastTheLimitIs400NotAStackOverflow() {
    int depth = 900; // 34 KB: within the body limit, and deep enough to overflow the stack
    String filter =
        "{\"type\":\"not\",\"filter\":".repeat(depth)
            + "{\"type\":\"equals\",\"dimension\":\"country\",\"value\":\"JP\"}"
            + "}".repeat(depth);

    ApiClient.Answer answer = api.post("/v1/query", key, model(filter));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.field()).isEqualTo("body");
    assertThat(answer.error()).isEqualTo("body nests deeper than 100 levels");
  }

  @Test
  void aCustomMeasuresFilterOfAnUnknownTypeIs400Too() {
    ApiClient.Answer answer =
        api.post(
            "/v1/measures",
            key,
            "{\"name\":\"m\",\"aggregate\":\"sum\",\"column\":\"count\","
                + "\"filter\":{\"type\":\"varchar\",\"dimension\":\"device\",\"value\":\"x\"}}");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.field()).isEqualTo("filter.type");
    assertThat(answer.error()).contains(FILTERS).doesNotContain("io.canopy", "Filter$");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a string for a BIGINT | {\"type\":\"BIGINT\",\"value\":\"abc\"} | parameters[0].value",
        "a number for varchar  | {\"type\":\"varchar\",\"value\":5}       | parameters[0].value",
        "an unknown type       | {\"type\":\"TEXT\",\"value\":\"a\"}      | parameters[0].type",
      })
  void aBadSqlParameterIs400NamingIt(String what, String parameter, String field) {
    ApiClient.Answer answer =
        api.post("/v1/sql", key, "{\"query\":\"SELECT ?\",\"parameters\":[" + parameter + "]}");

    assertThat(answer.status()).as(what).isEqualTo(400);
    assertThat(answer.field()).isEqualTo(field);
    assertThat(answer.body().toString()).doesNotContain("java.", "org.apache", "Exception");
  }

  @Test
  void sqlAfter64KiBOfCommentsIsCheckedLikeAnyOther() {
    String comments = "/**/".repeat(16_000);

    ApiClient.Answer write =
        api.post("/v1/sql", key, "{\"query\":\"" + comments + "DELETE FROM events\"}");
    ApiClient.Answer read = api.post("/v1/sql", key, "{\"query\":\"" + comments + "SELECT 1\"}");

    assertThat(write.status()).isEqualTo(400);
    assertThat(write.field()).isEqualTo("query");
    // The read passes the check and goes to Druid, which is away here.
    assertThat(read.status()).isEqualTo(503);
    assertThat(read.body().path("dependency").asText()).isEqualTo("druid");
  }
}
