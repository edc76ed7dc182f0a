package io.canopy.controlplane.query;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.controlplane.common.InvalidInputException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ad-hoc SQL: reads pass, anything else is a 400 naming the query. Each listed input is the input
 * tested, as it is.
 */
class SqlServiceTest {
  /** Leading comments enough to overflow the stack of a regular expression that repeats a group. */
  private static final String MANY_COMMENTS = "/**/".repeat(16_000);

  private static final String MANY_LINE_COMMENTS = "--\n".repeat(16_000);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1",
        "  select * from events",
        "WITH t AS (SELECT 1) SELECT * FROM t",
        "EXPLAIN PLAN FOR SELECT 1",
        "-- a comment\nSELECT 1",
        "/* a\n comment */ SELECT 1;",
        "(SELECT 1)",
        "( (SELECT 1) UNION ALL (SELECT 2))",
        "SELECT(1)",
        "/* one */ -- two\n\t( /* three */ SELECT 1)"
      })
  void readsPass(String sql) {
    assertThatCode(() -> SqlService.requireRead(sql)).doesNotThrowAnyException();
  }

  static Stream<String> manyComments() {
    return Stream.of(
        MANY_COMMENTS + "SELECT 1",
        MANY_LINE_COMMENTS + "SELECT 1",
        MANY_COMMENTS + "\n(SELECT 1)");
  }

  @ParameterizedTest
  @MethodSource("manyComments")
  void readsAfterManyCommentsPass(String sql) {
    assertThatCode(() -> SqlService.requireRead(sql)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DELETE FROM events",
        "INSERT INTO events SELECT * FROM events",
        "REPLACE INTO events OVERWRITE ALL SELECT 1",
        "/* SELECT */ DROP TABLE events",
        "-- SELECT\nINSERT INTO x SELECT 1",
        "SELECT 1; DELETE FROM events",
        "(INSERT INTO x SELECT 1)",
        "/* never closed SELECT 1",
        "-- SELECT 1",
        "",
        "   "
      })
  void anythingElseIsRefused(String sql) {
    assertRefused(sql);
  }

  static Stream<String> writesAfterManyComments() {
    return Stream.of(
        MANY_COMMENTS + "DELETE FROM events",
        MANY_LINE_COMMENTS + "INSERT INTO x SELECT 1",
        MANY_COMMENTS + "/* SELECT 1");
  }

  @ParameterizedTest
  @MethodSource("writesAfterManyComments")
  void writesAfterManyCommentsAreRefused(String sql) {
    assertRefused(sql);
  }

  private static void assertRefused(String sql) {
    assertThatThrownBy(() -> SqlService.requireRead(sql))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("field", "query");
  }
}
