package io.canopy.druid.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import io.canopy.druid.quota.QueryContexts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The query ids a query request names in its context ({@code sqlQueryId}, {@code queryId}): the ids
 * under which it can be cancelled. Read from JSON or Smile, as Druid reads the body; a body that is
 * neither (the SQL API's plain text) names none. Stateless.
 */
final class QueryIds {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper SMILE = new ObjectMapper(new SmileFactory());
  private static final List<String> KEYS = List.of("sqlQueryId", "queryId");

  private QueryIds() {}

  static List<String> of(byte[] body, @Nullable String contentType) {
    JsonNode tree;
    try {
      tree = (QueryContexts.smile(contentType) ? SMILE : JSON).readTree(body);
    } catch (IOException e) {
      return List.of(); // Druid refuses it, or reads it as SQL text without a context
    }
    JsonNode context = tree == null ? null : tree.get("context");
    List<String> ids = new ArrayList<>();
    if (context != null && context.isObject()) {
      for (String key : KEYS) {
        JsonNode id = context.get(key);
        if (id != null && id.isValueNode() && !id.isNull() && !ids.contains(id.asText())) {
          ids.add(id.asText());
        }
      }
    }
    return ids;
  }
}
