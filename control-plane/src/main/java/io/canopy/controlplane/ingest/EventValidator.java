package io.canopy.controlplane.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.canopy.controlplane.common.Text;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks one event against the public contract ({@link EventSchema}) and writes, in the same pass,
 * the record that goes to Kafka: the sender's fields, normalized (timestamp in UTC), plus the
 * tenant and the receipt time stamped by the server, as UTF-8 JSON. Writing while checking (instead
 * of copying into a new tree and serializing it) is the ingest path's main CPU saving. Pure: the
 * clock is passed in. Thread-safe.
 */
public final class EventValidator {
  private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9_.:-]+");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Duration maxPast;
  private final Duration maxFuture;

  public EventValidator(Duration maxPast, Duration maxFuture) {
    this.maxPast = maxPast;
    this.maxFuture = maxFuture;
  }

  /** Either the stored form of the event, or why it was rejected. */
  public record Outcome(ValidEvent event, Rejection rejection) {
    public boolean accepted() {
      return event != null;
    }
  }

  public Outcome validate(int index, JsonNode event, String tenant, Instant now) {
    if (event == null || !event.isObject()) {
      return reject(index, "(event)", "must be a JSON object");
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream(640);
    byte[] key = null;
    try (JsonGenerator out = JSON.getFactory().createGenerator(buf)) {
      out.writeStartObject();
      for (Map.Entry<String, JsonNode> f : event.properties()) {
        Optional<String> problem = writeField(f.getKey(), f.getValue(), out, now);
        if (problem.isPresent()) {
          return reject(index, f.getKey(), problem.get());
        }
      }
      for (var field : EventSchema.FIELDS.entrySet()) {
        if (field.getValue().required() && !present(event.get(field.getKey()))) {
          return reject(index, field.getKey(), "is required");
        }
      }
      out.writeStringField(EventSchema.TENANT, tenant);
      out.writeStringField(EventSchema.RECEIVED_AT, now.toString());
      out.writeEndObject();
      if (present(event.get(EventSchema.USER_ID))) {
        key = event.get(EventSchema.USER_ID).textValue().getBytes(StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    if (buf.size() > EventSchema.MAX_EVENT_BYTES) {
      return reject(
          index, "(event)", "is larger than " + EventSchema.MAX_EVENT_BYTES + " bytes as JSON");
    }
    return new Outcome(new ValidEvent(key, buf.toByteArray()), null);
  }

  private static boolean present(JsonNode value) {
    return value != null && !value.isNull();
  }

  private Optional<String> writeField(String name, JsonNode value, JsonGenerator out, Instant now)
      throws IOException {
    if (name.equals(EventSchema.TENANT) || name.equals(EventSchema.RECEIVED_AT)) {
      return Optional.of("is set by the server and must not be sent");
    }
    if (name.equals(EventSchema.PROPERTIES)) {
      return writeProperties(value, out);
    }
    EventSchema.Field field = EventSchema.FIELDS.get(name);
    if (field == null) {
      return Optional.of("is not a known field; put custom data in \"properties\"");
    }
    if (value.isNull()) {
      return Optional.empty(); // same as absent; a required field then fails as missing
    }
    return switch (field.type()) {
      case STRING -> writeString(name, value, field, out, now);
      case NUMBER -> writeNumber(name, value, out);
    };
  }

  private Optional<String> writeString(
      String name, JsonNode value, EventSchema.Field field, JsonGenerator out, Instant now)
      throws IOException {
    if (!value.isTextual()) {
      return Optional.of("must be a string");
    }
    String text = value.textValue();
    String problem = Text.problem(text);
    if (problem != null) {
      return Optional.of(problem);
    }
    if (text.length() > field.maxLength()) {
      return Optional.of("is longer than " + field.maxLength() + " characters");
    }
    if (name.equals(EventSchema.TIMESTAMP)) {
      return writeTimestamp(text, out, now);
    }
    if (name.equals(EventSchema.EVENT) && !EVENT_NAME.matcher(text).matches()) {
      return Optional.of("must be 1-64 characters of letters, digits, '_', '.', ':' or '-'");
    }
    out.writeStringField(name, text);
    return Optional.empty();
  }

  private Optional<String> writeTimestamp(String text, JsonGenerator out, Instant now)
      throws IOException {
    Instant at;
    try {
      at = IsoTimestamps.parse(text);
    } catch (DateTimeParseException e) {
      return Optional.of("must be an ISO-8601 date-time with an offset, e.g. 2026-11-23T12:00:00Z");
    }
    if (at.isBefore(now.minus(maxPast))) {
      return Optional.of("is more than " + maxPast.toHours() + " hours in the past");
    }
    if (at.isAfter(now.plus(maxFuture))) {
      return Optional.of("is more than " + maxFuture.toMinutes() + " minutes in the future");
    }
    out.writeStringField(EventSchema.TIMESTAMP, at.toString());
    return Optional.empty();
  }

  private static Optional<String> writeNumber(String name, JsonNode value, JsonGenerator out)
      throws IOException {
    if (!value.isNumber()) {
      return Optional.of("must be a number");
    }
    double d = value.doubleValue();
    if (!Double.isFinite(d)) {
      return Optional.of("must be a finite number");
    }
    if (name.equals(EventSchema.REVENUE) && Math.abs(d) > EventSchema.MAX_ABS_REVENUE) {
      return Optional.of("must be between -1e12 and 1e12");
    }
    if (name.equals(EventSchema.DURATION_MS) && (d < 0 || d > EventSchema.MAX_DURATION_MS)) {
      return Optional.of("must be between 0 and 1e10");
    }
    out.writeFieldName(name);
    out.writeTree(value);
    return Optional.empty();
  }

  private static Optional<String> writeProperties(JsonNode value, JsonGenerator out)
      throws IOException {
    if (value.isNull()) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      return Optional.of("must be a JSON object");
    }
    String problem = textProblem(value);
    if (problem != null) {
      return Optional.of(problem);
    }
    out.writeFieldName(EventSchema.PROPERTIES);
    out.writeTree(value);
    return Optional.empty();
  }

  /** The first text rule a name or string anywhere inside {@code node} breaks, or null. */
  private static String textProblem(JsonNode node) {
    if (node.isTextual()) {
      return Text.problem(node.textValue());
    }
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      String problem = Text.problem(f.getKey());
      if (problem == null) {
        problem = textProblem(f.getValue());
      }
      if (problem != null) {
        return problem;
      }
    }
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      String problem = textProblem(node.get(i));
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static Outcome reject(int index, String field, String reason) {
    return new Outcome(null, new Rejection(index, field, reason));
  }
}
