package io.canopy.controlplane.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The nesting depth of JSON texts, brackets inside strings and escaped quotes included. */
class JsonDepthTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "`\"flat\"`                               | 0",
        "`{}`                                     | 1",
        "`{\"a\":[1,{\"b\":[]}]}`                 | 4",
        "`{\"a\":\"{[{[\"}`                       | 1",
        "`{\"a\":\"quote \\\" then {[\",\"b\":{}}` | 2",
        "`[[],[],[[]]]`                           | 3",
      })
  void depth(String json, int depth) {
    assertThat(JsonDepth.of(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(depth);
  }
}
