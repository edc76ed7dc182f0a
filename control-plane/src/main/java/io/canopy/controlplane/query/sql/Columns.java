package io.canopy.controlplane.query.sql;

import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.common.Text;
import java.util.Map;
import java.util.Set;

/**
 * A datasource's columns as Druid reports them ({@code INFORMATION_SCHEMA.COLUMNS}): the only names
 * a query may use. {@code tenant} and {@code __time} are not dimensions: the tenant is implied by
 * the caller and time by the range and granularity. Immutable.
 */
public record Columns(String datasource, Map<String, Kind> kinds) {
  /** What a column holds, from Druid's SQL type. */
  public enum Kind {
    STRING,
    NUMBER,
    SKETCH,
    TIME;

    /** Druid's {@code DATA_TYPE} name: VARCHAR, BIGINT, DOUBLE, FLOAT, TIMESTAMP, OTHER… */
    public static Kind ofSqlType(String type) {
      return switch (type) {
        case "VARCHAR", "CHAR" -> STRING;
        case "BIGINT", "INTEGER", "DOUBLE", "FLOAT", "REAL", "DECIMAL", "SMALLINT", "TINYINT" ->
            NUMBER;
        case "TIMESTAMP" -> TIME;
        default -> SKETCH;
      };
    }
  }

  private static final Set<String> IMPLIED = Set.of("tenant", "__time");

  public Columns {
    kinds = Map.copyOf(kinds);
  }

  /** A string column a query may split or filter by. */
  public String dimension(String name, String field) {
    return require(name, field, Kind.STRING, "a dimension");
  }

  /** A numeric column a query may filter on or a measure may aggregate. */
  public String number(String name, String field) {
    return require(name, field, Kind.NUMBER, "a numeric column");
  }

  /** A sketch column a built-in measure reads. */
  public String sketch(String name, String field) {
    return require(name, field, Kind.SKETCH, "a sketch column");
  }

  public boolean has(String name) {
    return kinds.containsKey(name);
  }

  private String require(String name, String field, Kind kind, String what) {
    if (name == null || name.isBlank()) {
      throw new InvalidInputException(field, "is required");
    }
    if (IMPLIED.contains(name)) {
      throw new InvalidInputException(
          field, "cannot be " + name + ": the tenant comes from the key, time from the range");
    }
    Kind actual = kinds.get(name);
    if (actual == null || !SqlText.IDENTIFIER.matcher(name).matches()) {
      throw new InvalidInputException(
          field, "names no column of datasource " + datasource + ": " + Text.abbreviate(name, 64));
    }
    if (actual != kind) {
      throw new InvalidInputException(field, "must be " + what + "; " + name + " is not");
    }
    return name;
  }
}
