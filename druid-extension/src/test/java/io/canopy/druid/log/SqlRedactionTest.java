package io.canopy.druid.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SqlRedactionTest {
  private final LogDigest digest = new LogDigest("key".getBytes(StandardCharsets.UTF_8));
  private final SqlRedaction redaction = new SqlRedaction(digest);

  @Test
  void literalsAndCommentsBecomeDigestsAndTheShapeStays() {
    String sql =
        "SELECT \"user_email\", COUNT(*) FROM events -- by jane@example.com\n"
            + "WHERE ip = '203.0.113.7' AND email IN ('jane@example.com', 'o''brien@example.com')"
            + " /* asked for 198.51.100.2 */ AND n > 42";

    String logged = redaction.of(sql);

    assertThat(logged)
        .doesNotContain("jane", "203.0.113.7", "brien", "198.51.100.2")
        .contains("\"user_email\"", "COUNT(*) FROM events", "n > 42")
        .contains("ip = '" + digest.of("203.0.113.7") + "'")
        .contains("'" + digest.of("o'brien@example.com") + "'")
        .contains("-- " + digest.of(" by jane@example.com") + "\nWHERE")
        .contains("/* " + digest.of(" asked for 198.51.100.2 ") + " */");
  }

  @Test
  void backslashEscapesAndSlashCommentsHideNothing() {
    String sql =
        "SELECT 1 FROM t WHERE name = E'O\\'Brien' OR email = 'jane@example.com' // 10.1.2.3\n"
            + "AND x = 'a\\'";

    String logged = redaction.of(sql);

    assertThat(logged).doesNotContain("jane", "Brien", "10.1.2.3").contains("E'~", "// ~");
    // Outside E'…' a backslash is a character like any other: 'a\' ends at its quote.
    assertThat(logged).endsWith("AND x = '" + digest.of("a\\") + "'");
    assertThat(redaction.expression("name == 'O\\'Brien' || email == 'jane@example.com'"))
        .doesNotContain("jane", "Brien");
  }

  @Test
  void anUnclosedLiteralIsDigestedToTheEnd() {
    assertThat(redaction.of("SELECT 'jane@example.com"))
        .isEqualTo("SELECT '" + digest.of("jane@example.com") + "'");
  }

  @Test
  void anExpressionKeepsItsArithmetic() {
    assertThat(redaction.expression("x--1 + strlen('jane')"))
        .isEqualTo("x--1 + strlen('" + digest.of("jane") + "')");
  }

  @Test
  void aDigestIsTheKnownAnswerTheControlPlanesLogAlsoGives() {
    // HMAC-SHA256("key", "jane.doe@example.com"), computed apart from both; LoggedPathTest too.
    assertThat(digest.of("jane.doe@example.com")).isEqualTo("~e55f6828603d");
  }

  @Test
  void theSameValueGivesTheSameDigestAndAnotherKeyAnother() {
    LogDigest other = new LogDigest("other".getBytes(StandardCharsets.UTF_8));
    assertThat(digest.of("jane@example.com"))
        .isEqualTo(digest.of("jane@example.com"))
        .isNotEqualTo(other.of("jane@example.com"))
        .matches("~[0-9a-f]{12}");
  }
}
