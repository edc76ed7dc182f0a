package io.canopy.druid.auth.avatica;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.canopy.druid.quota.QueryContexts;
import io.canopy.druid.quota.QueryQuota;
import javax.annotation.Nullable;

/**
 * What an Avatica JSON request asks, as far as its connection goes: the request's kind ({@code
 * openConnection}, {@code prepareAndExecute}, {@code closeConnection}, …), the connection it names
 * ({@code connectionId}, or an execute's {@code statementHandle.connectionId}), and for an open the
 * JDBC {@code user} and {@code password} of its {@code info}. Read from the same text Avatica's
 * handler reads, with the same JSON library, so both see one request.
 */
public record AvaticaCall(
    String kind, String connectionId, @Nullable String infoUser, @Nullable String infoPassword) {
  public static final String OPEN = "openConnection";
  public static final String CLOSE = "closeConnection";

  /**
   * Refuses a key given twice: Jackson's tree keeps the last value where Avatica's type-id reader
   * takes the first, so a request could say one thing here and another there.
   */
  private static final ObjectMapper JSON =
      QueryContexts.exact(new ObjectMapper()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  /** The request is not one this guard can attribute to a connection. */
  public static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads one Avatica JSON request.
   *
   * @throws Unreadable for text that is no JSON object, or has no {@code request} or {@code
   *     connectionId} string (every Avatica request names its connection)
   */
  public static AvaticaCall parse(String text) throws Unreadable {
    JsonNode tree;
    try {
      tree = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new Unreadable("The Avatica request is not valid JSON (or names a key twice).");
    }
    if (tree == null || !tree.isObject()) {
      throw new Unreadable("An Avatica request is a JSON object.");
    }
    JsonNode kind = tree.get("request");
    if (kind == null || !kind.isTextual()) {
      throw new Unreadable("The Avatica request has no [request] naming its kind.");
    }
    // An execute names its connection in its statement handle, which is what Avatica reads.
    JsonNode top = tree.get("connectionId");
    JsonNode handle = tree.path("statementHandle").get("connectionId");
    if (top != null && handle != null && !top.equals(handle)) {
      throw new Unreadable("The Avatica request names two connections.");
    }
    JsonNode connection = handle != null ? handle : top;
    if (connection == null || !connection.isTextual() || connection.asText().isEmpty()) {
      throw new Unreadable("The Avatica request has no [connectionId].");
    }
    JsonNode info = tree.path("info");
    return new AvaticaCall(
        kind.asText(), connection.asText(), text(info.get("user")), text(info.get("password")));
  }

  /** The kinds of request that run a statement: each counts as one of its caller's queries. */
  public boolean runsStatement() {
    return switch (kind) {
      case "prepareAndExecute", "execute", "prepareAndExecuteBatch", "executeBatch" -> true;
      default -> false;
    };
  }

  /**
   * An open's text with its connection's {@code info} (the context of every statement on it)
   * bounded by the caller's quotas, as a query's context is ({@link QueryContexts}); the same text
   * when it needed no change.
   *
   * @param text an open that {@link #parse} read
   */
  public static String bounded(String text, QueryQuota quota) {
    ObjectNode tree;
    try {
      tree = (ObjectNode) JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("an open that parse read", e);
    }
    JsonNode info = tree.get("info");
    ObjectNode writable =
        info != null && info.isObject() ? (ObjectNode) info : tree.putObject("info");
    return QueryContexts.bound(writable, quota).changed() ? tree.toString() : text;
  }

  @Nullable
  private static String text(@Nullable JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : null;
  }

  /** The password is a secret: never printed. */
  @Override
  public String toString() {
    return "AvaticaCall[" + kind + "]";
  }
}
