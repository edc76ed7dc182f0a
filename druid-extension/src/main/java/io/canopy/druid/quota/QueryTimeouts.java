package io.canopy.druid.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import java.io.IOException;
import javax.annotation.Nullable;

/**
 * Puts a tenant's timeout into the context of a query request (Druid SQL's or a native query's
 * body, JSON or Smile as Druid reads it): a {@code timeout} that is missing, not a positive number
 * (Druid reads 0 as "none"), or longer than the tenant's becomes the tenant's; a shorter one stays.
 * A body that is no JSON object is left as it is: Druid refuses it. Stateless.
 */
public final class QueryTimeouts {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper SMILE = new ObjectMapper(new SmileFactory());

  private QueryTimeouts() {}

  /** Whether Druid reads a body of this content type as Smile (the whole type, exactly). */
  public static boolean smile(@Nullable String contentType) {
    return "application/x-jackson-smile".equals(contentType)
        || "application/smile".equals(contentType);
  }

  /** The body with its timeout at most {@code maxMs}; the same array when it needed no change. */
  public static byte[] cap(byte[] body, @Nullable String contentType, int maxMs) {
    ObjectMapper mapper = smile(contentType) ? SMILE : JSON;
    JsonNode tree;
    try {
      tree = mapper.readTree(body);
    } catch (IOException e) {
      return body;
    }
    if (tree == null || !tree.isObject()) {
      return body;
    }
    JsonNode context = tree.get("context");
    if (context != null && !context.isObject() && !context.isNull()) {
      return body; // Druid refuses a context that is no object
    }
    ObjectNode writable =
        context == null || context.isNull()
            ? ((ObjectNode) tree).putObject("context")
            : (ObjectNode) context;
    if (within(writable.get("timeout"), maxMs)) {
      return body;
    }
    writable.put("timeout", maxMs);
    try {
      return mapper.writeValueAsBytes(tree);
    } catch (IOException never) {
      throw new IllegalStateException("a tree read is written back", never);
    }
  }

  private static boolean within(@Nullable JsonNode timeout, int maxMs) {
    if (timeout == null) {
      return false;
    }
    long ms;
    if (timeout.isIntegralNumber() && timeout.canConvertToLong()) {
      ms = timeout.asLong();
    } else if (timeout.isTextual() && timeout.asText().matches("\\d{1,18}")) {
      ms = Long.parseLong(timeout.asText()); // Druid reads a number in a string too
    } else {
      return false;
    }
    return ms > 0 && ms <= maxMs;
  }
}
