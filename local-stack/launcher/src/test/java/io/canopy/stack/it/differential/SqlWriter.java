package io.canopy.stack.it.differential;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The test's own Druid SQL, written from a question for {@code POST /v1/sql}: text, quoted column
 * names (the test's own, known names) and {@code ?} parameters in the body's form. Not thread-safe.
 */
final class SqlWriter {
  private final StringBuilder sql = new StringBuilder();
  private final ArrayNode parameters = JsonNodeFactory.instance.arrayNode();

  SqlWriter text(String text) {
    sql.append(text);
    return this;
  }

  SqlWriter column(String name) {
    sql.append('"').append(name).append('"');
    return this;
  }

  SqlWriter param(String value) {
    return param("VARCHAR", JsonNodeFactory.instance.textNode(value));
  }

  SqlWriter param(double value) {
    return param("DOUBLE", JsonNodeFactory.instance.numberNode(value));
  }

  SqlWriter param(long value) {
    return param("BIGINT", JsonNodeFactory.instance.numberNode(value));
  }

  private SqlWriter param(String type, com.fasterxml.jackson.databind.JsonNode value) {
    ObjectNode p = parameters.addObject().put("type", type);
    p.set("value", value);
    sql.append('?');
    return this;
  }

  /** The body of {@code POST /v1/sql}. */
  ObjectNode body() {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("query", sql.toString());
    body.set("parameters", parameters);
    return body;
  }
}
