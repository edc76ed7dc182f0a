package io.canopy.controlplane.query;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.canopy.controlplane.common.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ad-hoc SQL: reads pass, anything else is a 400 naming the query. */
class SqlServiceTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT 1",
        "  select * from events",
        "WITH t AS (SELECT 1) SELECT * FROM t",
        "EXPLAIN PLAN FOR SELECT 1",
        "-- a comment\nSELECT 1",
        "/* a\n comment */ SELECT 1;",
        "(SELECT 1)"
      })
  void readsPass(String sql) {
    assertThatCode(() -> SqlService.requireRead(sql.startsWith("(") ? "SELECT" + sql : sql))
        .doesNotThrowAnyException();
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
        "",
        "   "
      })
  void anythingElseIsRefused(String sql) {
    assertThatThrownBy(() -> SqlService.requireRead(sql))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("field", "query");
  }
}
