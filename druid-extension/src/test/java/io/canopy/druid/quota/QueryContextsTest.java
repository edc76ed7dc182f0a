package io.canopy.druid.quota;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The tenant's timeout put into a query's body as Druid reads it, JSON or Smile. */
class QueryContextsTest {
  private static final QueryQuota QUOTA = new QueryQuota(4, 120, 30_000, 0);

  private static final ObjectMapper SMILE = new ObjectMapper(new SmileFactory());

  @Test
  void aSmileBodyGetsItsTimeoutCappedInSmile() throws Exception {
    byte[] body =
        SMILE.writeValueAsBytes(
            new ObjectMapper()
                .readTree("{\"queryType\":\"timeBoundary\",\"context\":{\"timeout\":900000}}"));
    QueryContexts.Bounded result = QueryContexts.bound(body, "application/x-jackson-smile", QUOTA);
    assertThat(result.timeoutMs()).isEqualTo(30_000);
    byte[] capped = result.body();
    JsonNode tree = SMILE.readTree(capped);
    assertThat(tree.path("context").path("timeout").asLong()).isEqualTo(30_000);
    assertThat(tree.path("queryType").asText()).isEqualTo("timeBoundary");
  }

  @Test
  void aBodyWithinItsQuotasOrNotAQueryIsLeftAsItIs() {
    byte[] within =
        "{\"query\":\"x\",\"context\":{\"timeout\":10,\"priority\":-1}}"
            .getBytes(StandardCharsets.UTF_8);
    QueryContexts.Bounded kept = QueryContexts.bound(within, "application/json", QUOTA);
    assertThat(kept.body()).isSameAs(within);
    assertThat(kept.timeoutMs()).isEqualTo(10); // the query's own, which the stop then uses
    byte[] text = "SELECT 1".getBytes(StandardCharsets.UTF_8);
    assertThat(QueryContexts.bound(text, "application/json", QUOTA).body()).isSameAs(text);
    byte[] badContext = "{\"query\":\"x\",\"context\":[1]}".getBytes(StandardCharsets.UTF_8);
    assertThat(QueryContexts.bound(badContext, "application/json", QUOTA).body())
        .isSameAs(badContext);
  }

  /** Only the timeout changes: the query's numbers reach Druid as the caller wrote them. */
  @Test
  void theQuerysNumbersArriveAsWritten() {
    String body =
        "{\"query\":\"SELECT ? + ?\",\"parameters\":[{\"type\":\"DECIMAL\",\"value\":0.1},"
            + "{\"type\":\"DECIMAL\",\"value\":123456789012345678901234567890.123456789}]}";
    String capped =
        new String(
            QueryContexts.bound(body.getBytes(StandardCharsets.UTF_8), "application/json", QUOTA)
                .body(),
            StandardCharsets.UTF_8);
    assertThat(capped)
        .isEqualTo(
            body.substring(0, body.length() - 1)
                + ",\"context\":{\"timeout\":30000,\"priority\":0}}");
  }

  /** A tenant may lower its priority, never raise it, and never pick a lane. */
  @Test
  void aPriorityAboveTheTenantsIsTheTenantsAndALaneIsTakenOut() throws Exception {
    ObjectMapper json = new ObjectMapper();
    QueryQuota quota = new QueryQuota(4, 120, 30_000, -2);
    String[][] cases = {
      {"{\"priority\":2147483647,\"lane\":\"vip\"}", "{\"priority\":-2,\"timeout\":30000}"},
      {"{\"priority\":\"7\"}", "{\"priority\":-2,\"timeout\":30000}"},
      {"{\"priority\":-5}", "{\"priority\":-5,\"timeout\":30000}"},
      {"{\"priority\":\"-9\"}", "{\"priority\":\"-9\",\"timeout\":30000}"},
      {"{\"priority\":\"high\"}", "{\"priority\":-2,\"timeout\":30000}"},
      {"{}", "{\"timeout\":30000,\"priority\":-2}"}
    };
    for (String[] c : cases) {
      String body = "{\"query\":\"x\",\"context\":" + c[0] + "}";
      JsonNode context =
          json.readTree(
                  QueryContexts.bound(
                          body.getBytes(StandardCharsets.UTF_8), "application/json", quota)
                      .body())
              .path("context");
      assertThat(context).as(c[0]).isEqualTo(json.readTree(c[1]));
    }
  }

  @Test
  void aNullContextOrAFractionalTimeoutBecomesTheTenants() throws Exception {
    ObjectMapper json = new ObjectMapper();
    for (String body :
        new String[] {
          "{\"query\":\"x\",\"context\":null}",
          "{\"query\":\"x\",\"context\":{\"timeout\":10.5}}",
          "{\"query\":\"x\",\"context\":{\"timeout\":-1}}",
          "{\"query\":\"x\",\"context\":{\"timeout\":\"soon\"}}"
        }) {
      byte[] capped =
          QueryContexts.bound(body.getBytes(StandardCharsets.UTF_8), "application/json", QUOTA)
              .body();
      assertThat(json.readTree(capped).path("context").path("timeout").asLong())
          .as(body)
          .isEqualTo(30_000);
    }
  }
}
