package io.canopy.controlplane.query;

import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.druid.SqlParameter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The dynamic parameters of an ad-hoc query, checked before Druid sees them: a type Druid knows, in
 * any case ({@code varchar} is sent as {@code VARCHAR}), and a value of that type or null. Druid 33
 * casts a value it is handed to the type's Java class, and a mismatch (a string for a {@code
 * BIGINT}) fails with an HTML page naming a Java class; it also truncates {@code 5.5} to {@code 5}
 * for a {@code BIGINT} and wraps a number past 2^31 for an {@code INTEGER}. Each is a 400 here,
 * naming the parameter.
 */
final class SqlParameters {
  /** Each type and what its value may be. */
  private enum Type {
    VARCHAR("a string", v -> v instanceof String),
    BIGINT("a whole number from -2^63 to 2^63-1", v -> whole(v, Long.MIN_VALUE, Long.MAX_VALUE)),
    INTEGER(
        "a whole number from -2^31 to 2^31-1", v -> whole(v, Integer.MIN_VALUE, Integer.MAX_VALUE)),
    DOUBLE("a number", v -> v instanceof Number),
    FLOAT("a number", v -> v instanceof Number),
    BOOLEAN("true or false", v -> v instanceof Boolean),
    TIMESTAMP(
        "an ISO-8601 time such as \"2026-12-01T00:00:00Z\", or milliseconds since 1970",
        v -> v instanceof String s ? timestamp(s) : whole(v, Long.MIN_VALUE, Long.MAX_VALUE)),
    DATE(
        "a date such as \"2026-12-01\", or days since 1970",
        v -> v instanceof String s ? date(s) : whole(v, Integer.MIN_VALUE, Integer.MAX_VALUE));

    private final String expected;
    private final Predicate<Object> accepts;

    Type(String expected, Predicate<Object> accepts) {
      this.expected = expected;
      this.accepts = accepts;
    }
  }

  /**
   * Druid's lenient forms of a time: ISO with or without an offset, or {@code 2026-12-01 10:00}.
   */
  private static final DateTimeFormatter SQL_TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral(' ')
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .parseDefaulting(ChronoField.NANO_OF_SECOND, 0)
          .toFormatter(Locale.ROOT);

  private SqlParameters() {}

  /**
   * The parameters as Druid is to get them (types upper case); none when {@code parameters} is
   * null.
   *
   * @throws InvalidInputException naming {@code parameters[i]}, its {@code type} or its {@code
   *     value}
   */
  static List<SqlParameter> checked(List<SqlParameter> parameters) {
    if (parameters == null) {
      return List.of();
    }
    List<SqlParameter> checked = new ArrayList<>(parameters.size());
    for (int i = 0; i < parameters.size(); i++) {
      checked.add(checked(parameters.get(i), "parameters[" + i + "]"));
    }
    return checked;
  }

  private static SqlParameter checked(SqlParameter p, String field) {
    if (p == null) {
      throw new InvalidInputException(field, "must be an object: {\"type\": …, \"value\": …}");
    }
    Type type = type(p.type(), field + ".type");
    Object value = p.value();
    if (value != null && !type.accepts.test(value)) {
      throw new InvalidInputException(
          field + ".value", "must be " + type.expected + " for type " + type.name() + ", or null");
    }
    return new SqlParameter(type.name(), value);
  }

  private static Type type(String name, String field) {
    if (name != null) {
      for (Type t : Type.values()) {
        if (t.name().equalsIgnoreCase(name)) {
          return t;
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (Type t : Type.values()) {
      names.add(t.name());
    }
    throw new InvalidInputException(field, "must be one of " + String.join(", ", names));
  }

  private static boolean whole(Object v, long min, long max) {
    BigDecimal d;
    if (v instanceof BigDecimal b) {
      d = b;
    } else if (v instanceof BigInteger b) {
      d = new BigDecimal(b);
    } else if (v instanceof Double || v instanceof Float) {
      double x = ((Number) v).doubleValue();
      if (!Double.isFinite(x)) {
        return false;
      }
      d = BigDecimal.valueOf(x);
    } else if (v instanceof Number n) {
      d = BigDecimal.valueOf(n.longValue());
    } else {
      return false;
    }
    return d.stripTrailingZeros().scale() <= 0
        && d.compareTo(BigDecimal.valueOf(min)) >= 0
        && d.compareTo(BigDecimal.valueOf(max)) <= 0;
  }

  private static boolean timestamp(String s) {
    return parses(() -> OffsetDateTime.parse(s))
        || parses(() -> LocalDateTime.parse(s))
        || parses(() -> LocalDateTime.parse(s, SQL_TIME))
        || date(s);
  }

  private static boolean date(String s) {
    return parses(() -> LocalDate.parse(s));
  }

  private static boolean parses(Runnable parse) {
    try {
      parse.run();
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
