package io.canopy.druid.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Druid 33's messages, as its broker and router gave them on the local stack, cleaned. */
class JsonErrorsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        // A native query with "type": "varchar" in its filter.
        "unknown filter type | Please make sure to load all the necessary extensions and jars with type"
            + " 'varchar' on 'druid/router' service. Could not resolve type id 'varchar' as a subtype of"
            + " `org.apache.druid.query.filter.DimFilter` known type ids = [and, equals, in, not, or]"
            + " (for POJO property 'filter')"
            + " | Unknown type 'varchar' in 'filter'; the known types are [and, equals, in, not, or]",
        "unknown query type | Please make sure to load all the necessary extensions and jars with type"
            + " 'nope' on 'druid/router' service. Could not resolve type id 'nope' as a subtype of"
            + " `org.apache.druid.query.Query` known type ids = [groupBy, scan, timeseries]"
            + " | Unknown type 'nope'; the known types are [groupBy, scan, timeseries]",
        "exception prefix | java.lang.ArithmeticException: / by zero | / by zero",
        "qualified class | Cannot deserialize value of type `org.apache.calcite.avatica.SqlType` from"
            + " String | Cannot deserialize value of type `SqlType` from String",
        "user message | Column 'x' not found in any table (line [1], column [8])"
            + " | Column 'x' not found in any table (line [1], column [8])",
      })
  void messagesLoseClassNames(String what, String message, String cleaned) {
    assertThat(JsonErrors.clean(message)).as(what).isEqualTo(cleaned);
  }

  @org.junit.jupiter.api.Test
  void aStackTraceIsCutOff() {
    assertThat(JsonErrors.clean("boom\n\tat org.apache.X.y(X.java:1)\nCaused by: z"))
        .isEqualTo("boom");
  }

  @org.junit.jupiter.api.Test
  void aPageBecomesCanopysMessageAndOtherTextIsKept() {
    JsonErrors.Answer page =
        JsonErrors.rewrite(
            500, "text/html", "<html>java.lang.X</html>".getBytes(StandardCharsets.UTF_8));
    JsonErrors.Answer text =
        JsonErrors.rewrite(400, "text/plain", "bad interval".getBytes(StandardCharsets.UTF_8));

    assertThat(new String(page.body(), StandardCharsets.UTF_8))
        .contains(JsonErrors.messageFor(500))
        .doesNotContain("html", "java.lang");
    assertThat(new String(text.body(), StandardCharsets.UTF_8))
        .contains("\"errorMessage\":\"bad interval\"");
  }
}
