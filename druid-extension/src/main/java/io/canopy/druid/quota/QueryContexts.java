package io.canopy.druid.quota;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import java.io.IOException;
import javax.annotation.Nullable;

/**
 * Bounds the context of a tenant's query request (Druid SQL's or a native query's body, JSON or
 * Smile as Druid reads it) by the tenant's quotas: a {@code timeout} that is missing, not a
 * positive number (Druid reads 0 as "none"), or longer than the tenant's becomes the tenant's, a
 * shorter one stays; a {@code priority} that is missing or higher than the tenant's becomes the
 * tenant's, a lower one stays; a {@code lane} (Druid's query laning) is taken out. A body that is
 * no JSON object is left as it is: Druid refuses it. Stateless.
 */
public final class QueryContexts {
  private static final ObjectMapper JSON = exact(new ObjectMapper());
  private static final ObjectMapper SMILE = exact(new ObjectMapper(new SmileFactory()));

  /**
   * Numbers come back as they were read: a filter's {@code 0.1} or a 30-digit decimal in a query
   * that only gets a timeout put in must reach Druid unchanged, not through a double.
   */
  public static ObjectMapper exact(ObjectMapper mapper) {
    return mapper
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
  }

  private QueryContexts() {}

  /** Whether Druid reads a body of this content type as Smile (the whole type, exactly). */
  public static boolean smile(@Nullable String contentType) {
    return "application/x-jackson-smile".equals(contentType)
        || "application/smile".equals(contentType);
  }

  /** A body as Druid gets it, and the timeout Druid reads from it. */
  public record Bounded(byte[] body, int timeoutMs) {}

  /** The context keys set here. */
  static final String TIMEOUT = "timeout";

  static final String PRIORITY = "priority";
  static final String LANE = "lane";

  /**
   * The body with its context bounded by {@code quota} (the same array when it needed no change),
   * and the timeout Druid will read from it.
   */
  public static Bounded bound(byte[] body, @Nullable String contentType, QueryQuota quota) {
    int maxMs = quota.timeoutMs();
    ObjectMapper mapper = smile(contentType) ? SMILE : JSON;
    JsonNode tree;
    try {
      tree = mapper.readTree(body);
    } catch (IOException e) {
      return new Bounded(body, maxMs);
    }
    if (tree == null || !tree.isObject()) {
      return new Bounded(body, maxMs);
    }
    JsonNode context = tree.get("context");
    if (context != null && !context.isObject() && !context.isNull()) {
      return new Bounded(body, maxMs); // Druid refuses a context that is no object
    }
    ObjectNode writable =
        context == null || context.isNull()
            ? ((ObjectNode) tree).putObject("context")
            : (ObjectNode) context;
    Change change = bound(writable, quota);
    if (!change.changed()) {
      return new Bounded(body, change.timeoutMs());
    }
    try {
      return new Bounded(mapper.writeValueAsBytes(tree), change.timeoutMs());
    } catch (IOException never) {
      throw new IllegalStateException("a tree read is written back", never);
    }
  }

  /** What bounding a context did: whether it changed it, and the timeout it holds now. */
  public record Change(boolean changed, int timeoutMs) {}

  /**
   * Bounds one context in place (a query's {@code context}, or an Avatica connection's {@code
   * info}, whose string values Druid reads the same way).
   */
  public static Change bound(ObjectNode context, QueryQuota quota) {
    boolean changed = false;
    long given = number(context.get(TIMEOUT));
    int timeoutMs = quota.timeoutMs();
    if (given > 0 && given <= quota.timeoutMs()) {
      timeoutMs = (int) given;
    } else {
      context.put(TIMEOUT, quota.timeoutMs());
      changed = true;
    }
    JsonNode priority = context.get(PRIORITY);
    long asked = priority == null ? Long.MAX_VALUE : signedNumber(priority);
    if (asked > quota.priority()) {
      context.put(PRIORITY, quota.priority());
      changed = true;
    }
    if (context.remove(LANE) != null) {
      changed = true;
    }
    return new Change(changed, timeoutMs);
  }

  /** A priority as Druid reads it (an integer, or one in a string); above any quota otherwise. */
  private static long signedNumber(JsonNode value) {
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.asLong();
    }
    if (value.isTextual() && value.asText().matches("-?\\d{1,18}")) {
      return Long.parseLong(value.asText());
    }
    return Long.MAX_VALUE;
  }

  /** The milliseconds a timeout gives, as Druid reads it; 0 for none or one it can't read. */
  private static long number(@Nullable JsonNode timeout) {
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
