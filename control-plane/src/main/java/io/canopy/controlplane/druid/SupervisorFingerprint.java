package io.canopy.controlplane.druid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Marks a rendered supervisor spec with a fingerprint of its content, kept in the spec's {@code
 * context}, so the control plane can tell whether the supervisor running in Druid is already the
 * one it would post.
 *
 * <p>Why: Druid restarts a supervisor whenever its spec is posted, even an unchanged one, and the
 * restart pauses every task to checkpoint it. A task that the indexer is still restoring after a
 * restart cannot be paused; Druid then kills it, and in Druid 33 the killed task can hold its
 * worker slot for minutes. Posting only changed specs keeps restarts of the control plane and of
 * the whole stack from disturbing ingestion. Druid returns its own normalized form of a spec, so
 * comparing JSON would always differ; the fingerprint survives the round trip as an opaque string.
 */
public final class SupervisorFingerprint {
  static final String CONTEXT_KEY = "canopySpecFingerprint";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SupervisorFingerprint() {}

  /** The spec with {@code context.canopySpecFingerprint} set to the hash of the spec's content. */
  public static String mark(String specJson) {
    ObjectNode spec = parse(specJson);
    ObjectNode context =
        spec.get("context") instanceof ObjectNode existing ? existing : spec.putObject("context");
    context.remove(CONTEXT_KEY);
    String fingerprint = sha256(write(spec));
    context.put(CONTEXT_KEY, fingerprint);
    return write(spec);
  }

  /** The fingerprint a (marked) spec carries, if any. */
  public static Optional<String> of(String specJson) {
    JsonNode value = parse(specJson).path("context").path(CONTEXT_KEY);
    return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
  }

  private static ObjectNode parse(String json) {
    try {
      if (JSON.readTree(json) instanceof ObjectNode object) {
        return object;
      }
      throw new IllegalArgumentException("a supervisor spec must be a JSON object");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON supervisor spec: " + e.getOriginalMessage());
    }
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
