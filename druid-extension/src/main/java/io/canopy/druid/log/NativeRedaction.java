package io.canopy.druid.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A native query's JSON as a log may keep it: the values its filters compare with ({@code value},
 * {@code values}, {@code matchValue}, bounds, patterns, a search's text), the string literals of
 * its expressions and the rows of an inline data source become their digests ({@link LogDigest}).
 * Everything else stays: data source, columns, intervals, aggregations, context with its ids. The
 * row policy's {@code tenant = '<slug>'} stays too (a tenant's slug names a customer, not a
 * person); any other value compared with {@code tenant} is digested. Stateless beyond its digest.
 */
final class NativeRedaction {
  static final String TENANT_COLUMN = "tenant";

  private static final Set<String> VALUE_KEYS =
      Set.of("value", "values", "sortedValues", "matchValue", "lower", "upper", "pattern", "query");

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final LogDigest digest;
  private final SqlRedaction literals;

  NativeRedaction(LogDigest digest) {
    this.digest = digest;
    this.literals = new SqlRedaction(digest);
  }

  /** Redacts {@code query} in place. */
  void redact(JsonNode query) {
    if (query instanceof ObjectNode object) {
      redactObject(object);
    } else if (query instanceof ArrayNode array) {
      array.forEach(this::redact);
    }
  }

  private void redactObject(ObjectNode object) {
    String column = text(object.get("dimension"), text(object.get("column"), null));
    boolean compares = column != null;
    boolean tenant = TENANT_COLUMN.equals(column);
    boolean inline = "inline".equals(text(object.get("type"), null));
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    object.fields().forEachRemaining(fields::add);
    for (Map.Entry<String, JsonNode> field : fields) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (compares && VALUE_KEYS.contains(key)) {
        object.set(key, values(value, tenant));
      } else if ("expression".equals(key) && value.isTextual()) {
        object.put(key, literals.expression(value.asText()));
      } else if (inline && "rows".equals(key)) {
        object.set(key, values(value, false));
      } else {
        redact(value);
      }
    }
  }

  /** Every text in {@code node} digested (a tenant's slug kept), but a nested {@code type}. */
  private JsonNode values(JsonNode node, boolean tenant) {
    if (node.isTextual()) {
      String v = node.asText();
      return tenant && SLUG.matcher(v).matches() ? node : TextNode.valueOf(literals.literal(v));
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, values(array.get(i), tenant));
      }
    } else if (node instanceof ObjectNode object) {
      List<String> keys = new ArrayList<>();
      object.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        if (!"type".equals(key)) {
          object.set(key, values(object.get(key), tenant));
        }
      }
    }
    return node;
  }

  private static String text(JsonNode node, String otherwise) {
    return node != null && node.isTextual() ? node.asText() : otherwise;
  }
}
