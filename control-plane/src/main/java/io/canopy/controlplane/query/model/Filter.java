package io.canopy.controlplane.query.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A condition on the rows a query reads, as JSON: {@code {"type": "equals", "dimension": "device",
 * "value": "mobile"}}. Values are data: the compiler sends each as a dynamic parameter, never as
 * SQL text. Names are checked against the datasource's columns. Immutable.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Filter.Equals.class, name = "equals"),
  @JsonSubTypes.Type(value = Filter.In.class, name = "in"),
  @JsonSubTypes.Type(value = Filter.Not.class, name = "not"),
  @JsonSubTypes.Type(value = Filter.Contains.class, name = "contains"),
  @JsonSubTypes.Type(value = Filter.Prefix.class, name = "prefix"),
  @JsonSubTypes.Type(value = Filter.Range.class, name = "range"),
  @JsonSubTypes.Type(value = Filter.IsNull.class, name = "null"),
  @JsonSubTypes.Type(value = Filter.NotNull.class, name = "notNull"),
  @JsonSubTypes.Type(value = Filter.And.class, name = "and"),
  @JsonSubTypes.Type(value = Filter.Or.class, name = "or")
})
public sealed interface Filter {
  /** {@code dimension = value}. */
  record Equals(String dimension, String value) implements Filter {}

  /** {@code dimension} is one of {@code values}. */
  record In(String dimension, List<String> values) implements Filter {}

  /** Rows where {@code filter} is not true, rows with a null value included. */
  record Not(Filter filter) implements Filter {}

  /** {@code dimension} contains {@code value} (case-sensitive). */
  record Contains(String dimension, String value) implements Filter {}

  /** {@code dimension} starts with {@code value}. */
  record Prefix(String dimension, String value) implements Filter {}

  /** A numeric column within bounds; at least one bound; each may be left out. */
  record Range(String column, Double gt, Double gte, Double lt, Double lte) implements Filter {}

  /** {@code dimension} has no value. */
  record IsNull(String dimension) implements Filter {}

  /** {@code dimension} has a value. */
  record NotNull(String dimension) implements Filter {}

  /** Every one of {@code filters}. */
  record And(List<Filter> filters) implements Filter {}

  /** At least one of {@code filters}. */
  record Or(List<Filter> filters) implements Filter {}
}
