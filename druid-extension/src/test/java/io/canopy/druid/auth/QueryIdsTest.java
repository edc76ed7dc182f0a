package io.canopy.druid.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QueryIdsTest {
  private static final String BODY =
      "{\"query\":\"SELECT 1\",\"context\":{\"sqlQueryId\":\"q1\",\"queryId\":\"q2\"}}";

  @Test
  void aBodyIsReadAsDruidReadsIt() throws Exception {
    byte[] json = BODY.getBytes(StandardCharsets.UTF_8);
    byte[] smile =
        new ObjectMapper(new SmileFactory()).writeValueAsBytes(new ObjectMapper().readTree(BODY));

    assertThat(QueryIds.of(json, "application/json")).containsExactly("q1", "q2");
    assertThat(QueryIds.of(smile, "application/x-jackson-smile")).containsExactly("q1", "q2");
    // Druid reads only the exact Smile types as Smile; anything else, such as this, as JSON.
    assertThat(QueryIds.of(json, "application/x-jackson-smile;x=1")).containsExactly("q1", "q2");
    assertThat(QueryIds.of("SELECT 1".getBytes(StandardCharsets.UTF_8), "text/plain")).isEmpty();
  }
}
