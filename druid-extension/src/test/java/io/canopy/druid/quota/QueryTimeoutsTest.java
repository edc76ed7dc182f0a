package io.canopy.druid.quota;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The tenant's timeout put into a query's body as Druid reads it, JSON or Smile. */
class QueryTimeoutsTest {
  private static final ObjectMapper SMILE = new ObjectMapper(new SmileFactory());

  @Test
  void aSmileBodyGetsItsTimeoutCappedInSmile() throws Exception {
    byte[] body =
        SMILE.writeValueAsBytes(
            new ObjectMapper()
                .readTree("{\"queryType\":\"timeBoundary\",\"context\":{\"timeout\":900000}}"));
    QueryTimeouts.Capped result = QueryTimeouts.cap(body, "application/x-jackson-smile", 30_000);
    assertThat(result.timeoutMs()).isEqualTo(30_000);
    byte[] capped = result.body();
    JsonNode tree = SMILE.readTree(capped);
    assertThat(tree.path("context").path("timeout").asLong()).isEqualTo(30_000);
    assertThat(tree.path("queryType").asText()).isEqualTo("timeBoundary");
  }

  @Test
  void aBodyWithinItsTimeoutOrNotAQueryIsLeftAsItIs() {
    byte[] within =
        "{\"query\":\"x\",\"context\":{\"timeout\":10}}".getBytes(StandardCharsets.UTF_8);
    QueryTimeouts.Capped kept = QueryTimeouts.cap(within, "application/json", 30_000);
    assertThat(kept.body()).isSameAs(within);
    assertThat(kept.timeoutMs()).isEqualTo(10); // the query's own, which the stop then uses
    byte[] text = "SELECT 1".getBytes(StandardCharsets.UTF_8);
    assertThat(QueryTimeouts.cap(text, "application/json", 30_000).body()).isSameAs(text);
    byte[] badContext = "{\"query\":\"x\",\"context\":[1]}".getBytes(StandardCharsets.UTF_8);
    assertThat(QueryTimeouts.cap(badContext, "application/json", 30_000).body())
        .isSameAs(badContext);
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
          QueryTimeouts.cap(body.getBytes(StandardCharsets.UTF_8), "application/json", 30_000)
              .body();
      assertThat(json.readTree(capped).path("context").path("timeout").asLong())
          .as(body)
          .isEqualTo(30_000);
    }
  }
}
