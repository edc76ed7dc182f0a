package io.canopy.controlplane.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks one event against the public contract ({@link EventSchema}) and produces the record that
 * goes to Kafka: the sender's fields, normalized (timestamp in UTC), plus the tenant and the
 * receipt time stamped by the server. Pure: the clock is passed in. Thread-safe.
 */
public final class EventValidator {
  private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z0-9_.:-]+");

  private final Duration maxPast;
  private final Duration maxFuture;

  public EventValidator(Duration maxPast, Duration maxFuture) {
    this.maxPast = maxPast;
    this.maxFuture = maxFuture;
  }

  /** Either the record to publish, or why not. */
  public record Outcome(ObjectNode record, Rejection rejection) {
    public boolean accepted() {
      return record != null;
    }
  }

  public Outcome validate(int index, JsonNode event, String tenant, Instant now) {
    if (event == null || !event.isObject()) {
      return reject(index, "(event)", "must be a JSON object");
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      Optional<String> problem = checkField(f.getKey(), f.getValue(), out, now);
      if (problem.isPresent()) {
        return reject(index, f.getKey(), problem.get());
      }
    }
    for (var required : EventSchema.FIELDS.entrySet()) {
      if (required.getValue().required() && !out.has(required.getKey())) {
        return reject(index, required.getKey(), "is required");
      }
    }
    out.put(EventSchema.TENANT, tenant);
    out.put(EventSchema.RECEIVED_AT, now.toString());
    return new Outcome(out, null);
  }

  private Optional<String> checkField(String name, JsonNode value, ObjectNode out, Instant now) {
    if (name.equals(EventSchema.TENANT) || name.equals(EventSchema.RECEIVED_AT)) {
      return Optional.of("is set by the server and must not be sent");
    }
    if (name.equals(EventSchema.PROPERTIES)) {
      return checkProperties(value, out);
    }
    EventSchema.Field field = EventSchema.FIELDS.get(name);
    if (field == null) {
      return Optional.of("is not a known field; put custom data in \"properties\"");
    }
    if (value.isNull()) {
      return Optional.empty(); // same as absent; a required field then fails as missing
    }
    return switch (field.type()) {
      case STRING -> checkString(name, value, field, out, now);
      case NUMBER -> checkNumber(name, value, out);
      case OBJECT -> Optional.of("unsupported");
    };
  }

  private Optional<String> checkString(
      String name, JsonNode value, EventSchema.Field field, ObjectNode out, Instant now) {
    if (!value.isTextual()) {
      return Optional.of("must be a string");
    }
    String text = value.textValue();
    if (text.length() > field.maxLength()) {
      return Optional.of("is longer than " + field.maxLength() + " characters");
    }
    if (name.equals(EventSchema.TIMESTAMP)) {
      return checkTimestamp(text, out, now);
    }
    if (name.equals(EventSchema.EVENT) && !EVENT_NAME.matcher(text).matches()) {
      return Optional.of("must be 1-64 characters of letters, digits, '_', '.', ':' or '-'");
    }
    out.put(name, text);
    return Optional.empty();
  }

  private Optional<String> checkTimestamp(String text, ObjectNode out, Instant now) {
    Instant at;
    try {
      at = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return Optional.of("must be an ISO-8601 date-time with an offset, e.g. 2026-11-23T12:00:00Z");
    }
    if (at.isBefore(now.minus(maxPast))) {
      return Optional.of("is more than " + maxPast.toHours() + " hours in the past");
    }
    if (at.isAfter(now.plus(maxFuture))) {
      return Optional.of("is more than " + maxFuture.toMinutes() + " minutes in the future");
    }
    out.put(EventSchema.TIMESTAMP, at.toString());
    return Optional.empty();
  }

  private static Optional<String> checkNumber(String name, JsonNode value, ObjectNode out) {
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
    out.set(name, value);
    return Optional.empty();
  }

  private static Optional<String> checkProperties(JsonNode value, ObjectNode out) {
    if (value.isNull()) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      return Optional.of("must be a JSON object");
    }
    if (value.toString().getBytes(StandardCharsets.UTF_8).length
        > EventSchema.MAX_PROPERTIES_BYTES) {
      return Optional.of("is larger than " + EventSchema.MAX_PROPERTIES_BYTES + " bytes");
    }
    out.set(EventSchema.PROPERTIES, value);
    return Optional.empty();
  }

  private static Outcome reject(int index, String field, String reason) {
    return new Outcome(null, new Rejection(index, field, reason));
  }
}
