package io.canopy.controlplane.druid;

/**
 * A dynamic parameter of a Druid SQL query, as Druid's SQL API takes it: {@code {"type": "VARCHAR",
 * "value": "mobile"}}. Every value of a query travels as one; none is in the SQL text.
 */
public record SqlParameter(String type, Object value) {
  public static SqlParameter varchar(String value) {
    return new SqlParameter("VARCHAR", value);
  }

  public static SqlParameter number(double value) {
    return new SqlParameter("DOUBLE", value);
  }

  public static SqlParameter bigint(long value) {
    return new SqlParameter("BIGINT", value);
  }
}
