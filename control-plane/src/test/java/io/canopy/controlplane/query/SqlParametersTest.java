package io.canopy.controlplane.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.druid.SqlParameter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ad-hoc SQL parameters as JSON gives them: each value Druid 33 would fail on with a Java class
 * name (a string for a number, a number for a string) or silently change (5.5 for a BIGINT, 2^40
 * for an INTEGER) is a 400 naming the parameter; every good one passes, its type upper-cased.
 */
class SqlParametersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static SqlParameter parse(String json) throws Exception {
    return JSON.readValue(json, SqlParameter.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\":\"varchar\",\"value\":\"mobile\"}     | VARCHAR",
        "{\"type\":\"VARCHAR\",\"value\":null}           | VARCHAR",
        "{\"type\":\"Bigint\",\"value\":99999999999}     | BIGINT",
        "{\"type\":\"BIGINT\",\"value\":5.0}             | BIGINT",
        "{\"type\":\"INTEGER\",\"value\":-2147483648}    | INTEGER",
        "{\"type\":\"DOUBLE\",\"value\":5.5}             | DOUBLE",
        "{\"type\":\"FLOAT\",\"value\":5}                | FLOAT",
        "{\"type\":\"BOOLEAN\",\"value\":false}          | BOOLEAN",
        "{\"type\":\"TIMESTAMP\",\"value\":\"2026-12-01T00:00:00Z\"} | TIMESTAMP",
        "{\"type\":\"TIMESTAMP\",\"value\":\"2026-12-01T10:00:00.250+05:30\"} | TIMESTAMP",
        "{\"type\":\"TIMESTAMP\",\"value\":\"2026-12-01 10:00:00\"} | TIMESTAMP",
        "{\"type\":\"TIMESTAMP\",\"value\":\"2026-12-01\"} | TIMESTAMP",
        "{\"type\":\"TIMESTAMP\",\"value\":1764547200000} | TIMESTAMP",
        "{\"type\":\"date\",\"value\":\"2026-12-01\"}    | DATE",
        "{\"type\":\"DATE\",\"value\":20000}             | DATE",
      })
  void goodParametersPassWithTheirTypeUpperCased(String json, String type) throws Exception {
    SqlParameter p = parse(json);

    List<SqlParameter> checked = SqlParameters.checked(List.of(p));

    assertThat(checked).containsExactly(new SqlParameter(type, p.value()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\":\"TEXT\",\"value\":\"a\"}       | parameters[0].type  | must be one of VARCHAR, BIGINT",
        "{\"value\":\"a\"}                         | parameters[0].type  | must be one of VARCHAR, BIGINT",
        "{\"type\":\"BIGINT\",\"value\":\"abc\"}   | parameters[0].value | must be a whole number",
        "{\"type\":\"BIGINT\",\"value\":5.5}       | parameters[0].value | must be a whole number",
        "{\"type\":\"BIGINT\",\"value\":true}      | parameters[0].value | must be a whole number",
        "{\"type\":\"BIGINT\",\"value\":1e30}      | parameters[0].value | must be a whole number",
        "{\"type\":\"BIGINT\",\"value\":99999999999999999999} | parameters[0].value | must be a whole number",
        "{\"type\":\"INTEGER\",\"value\":99999999999} | parameters[0].value | from -2^31 to 2^31-1",
        "{\"type\":\"VARCHAR\",\"value\":5}        | parameters[0].value | must be a string",
        "{\"type\":\"VARCHAR\",\"value\":{\"a\":1}} | parameters[0].value | must be a string",
        "{\"type\":\"VARCHAR\",\"value\":[1]}      | parameters[0].value | must be a string",
        "{\"type\":\"DOUBLE\",\"value\":\"1.5\"}   | parameters[0].value | must be a number",
        "{\"type\":\"BOOLEAN\",\"value\":1}        | parameters[0].value | must be true or false",
        "{\"type\":\"TIMESTAMP\",\"value\":\"abc\"} | parameters[0].value | must be an ISO-8601 time",
        "{\"type\":\"TIMESTAMP\",\"value\":true}   | parameters[0].value | must be an ISO-8601 time",
        "{\"type\":\"DATE\",\"value\":\"2026-12-01T00:00:00Z\"} | parameters[0].value | must be a date",
      })
  void aValueOfTheWrongKindIs400NamingTheParameter(String json, String field, String message)
      throws Exception {
    SqlParameter p = parse(json);

    assertThatThrownBy(() -> SqlParameters.checked(List.of(p)))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("field", field)
        .hasMessageContaining(message)
        .hasMessageNotContaining("java.");
  }

  @Test
  void aNullParameterIsNamedByItsPlace() throws Exception {
    List<SqlParameter> list = new java.util.ArrayList<>();
    list.add(parse("{\"type\":\"VARCHAR\",\"value\":\"a\"}"));
    list.add(null);

    assertThatThrownBy(() -> SqlParameters.checked(list))
        .isInstanceOf(InvalidInputException.class)
        .hasFieldOrPropertyWithValue("field", "parameters[1]");
  }

  @Test
  void noParametersAreNone() {
    assertThat(SqlParameters.checked(null)).isEmpty();
  }
}
