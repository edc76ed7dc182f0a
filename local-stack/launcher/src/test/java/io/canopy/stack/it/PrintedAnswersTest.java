package io.canopy.stack.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrintedAnswersTest {
  @Test
  void bodiesBackToBackAndOnLinesOfTheirOwnAreAnswers() {
    PrintedAnswers p = PrintedAnswers.read("{\"a\":1}[2,3]\n{\"b\":\n 4}\n404\n");
    assertThat(p.answers()).hasSize(4);
    assertThat(p.answers().get(1).get(1).asInt()).isEqualTo(3);
    assertThat(p.answers().get(3).asInt()).isEqualTo(404);
    assertThat(p.other()).isEmpty();
  }

  /** Statuses that {@code -w '%{http_code}\n'} printed, one after another. */
  @Test
  void statusesOnLinesOfTheirOwnAreAnswers() {
    PrintedAnswers p = PrintedAnswers.read("401\n200\n");
    assertThat(p.answers()).extracting(JsonNode::asInt).containsExactly(401, 200);
    assertThat(p.other()).isEmpty();
  }

  @Test
  void headersOfCurlDashIAreSkippedAndTheBodyAfterThemIsAnAnswer() {
    PrintedAnswers p =
        PrintedAnswers.read(
            "{\"accepted\":2}HTTP/1.1 429 Too Many Requests\r\nRetry-After: 2\r\n\r\n"
                + "{\"error\":\"over quota\"}");
    assertThat(p.answers()).hasSize(2);
    assertThat(p.answers().get(1).get("error").asText()).isEqualTo("over quota");
    assertThat(p.responses()).containsExactly(Map.of(":status", "429", "retry-after", "2"));
    assertThat(p.other()).isEmpty();
  }

  @Test
  void anythingElseIsNoAnswer() {
    PrintedAnswers p =
        PrintedAnswers.read(
            "bash: line 3: uuidgen: command not found\n{\"accepted\":1}\n"
                + "<html><body>401</body></html>\n3rd try\ntrue\n");
    assertThat(p.answers()).hasSize(1);
    assertThat(p.other())
        .containsExactly(
            "bash: line 3: uuidgen: command not found",
            "<html><body>401</body></html>",
            "3rd try",
            "true");
  }
}
