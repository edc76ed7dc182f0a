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

  /** A body as Druid gets it, and the timeout Druid reads from it. */
  public record Capped(byte[] body, int timeoutMs) {}

  /**
   * The body with its timeout at most {@code maxMs} (the same array when it needed no change), and
   * that timeout.
   */
  public static Capped cap(byte[] body, @Nullable String contentType, int maxMs) {
    ObjectMapper mapper = smile(contentType) ? SMILE : JSON;
    JsonNode tree;
    try {
      tree = mapper.readTree(body);
    } catch (IOException e) {
      return new Capped(body, maxMs);
    }
    if (tree == null || !tree.isObject()) {
      return new Capped(body, maxMs);
    }
    JsonNode context = tree.get("context");
    if (context != null && !context.isObject() && !context.isNull()) {
      return new Capped(body, maxMs); // Druid refuses a context that is no object
    }
    ObjectNode writable =
        context == null || context.isNull()
            ? ((ObjectNode) tree).putObject("context")
            : (ObjectNode) context;
    long given = millis(writable.get("timeout"));
    if (given > 0 && given <= maxMs) {
      return new Capped(body, (int) given);
    }
    writable.put("timeout", maxMs);
    try {
      return new Capped(mapper.writeValueAsBytes(tree), maxMs);
    } catch (IOException never) {
      throw new IllegalStateException("a tree read is written back", never);
    }
  }

  /** The milliseconds a timeout gives, as Druid reads it; 0 for none or one it can't read. */
  private static long millis(@Nullable JsonNode timeout) {
    if (timeout == null) {
      return 0;
    }
    if (timeout.isIntegralNumber() && timeout.canConvertToLong()) {
      return timeout.asLong();
    }
    if (timeout.isTextual() && timeout.asText().matches("\\d{1,18}")) {
      return Long.parseLong(timeout.asText()); // Druid reads a number in a string too
    }
    return 0;
  }
}
