package io.canopy.controlplane.ingest;

import java.util.Map;

/**
 * The public contract of an event's fields: name, type and size limit. Changing this is changing
 * the API; docs/ingest-api.md documents the same table.
 */
final class EventSchema {
  enum Type {
    STRING,
    NUMBER
  }

  record Field(Type type, int maxLength, boolean required) {}

  static final String EVENT = "event";
  static final String TIMESTAMP = "timestamp";
  static final String USER_ID = "user_id";
  static final String REVENUE = "revenue";
  static final String DURATION_MS = "duration_ms";
  static final String PROPERTIES = "properties";

  /** Server-stamped fields: never accepted from a sender. */
  static final String TENANT = "tenant";

  static final String RECEIVED_AT = "received_at";

  /** Largest event as stored (UTF-8 JSON with the server's fields): bounds a Kafka message. */
  static final int MAX_EVENT_BYTES = 16 * 1024;

  static final double MAX_ABS_REVENUE = 1e12;
  static final double MAX_DURATION_MS = 1e10;

  static final Map<String, Field> FIELDS =
      Map.ofEntries(
          Map.entry(EVENT, new Field(Type.STRING, 64, true)),
          Map.entry(TIMESTAMP, new Field(Type.STRING, 64, true)),
          Map.entry(USER_ID, new Field(Type.STRING, 256, false)),
          Map.entry("country", new Field(Type.STRING, 64, false)),
          Map.entry("device", new Field(Type.STRING, 64, false)),
          Map.entry("campaign", new Field(Type.STRING, 256, false)),
          Map.entry("page", new Field(Type.STRING, 2048, false)),
          Map.entry("referrer", new Field(Type.STRING, 2048, false)),
          Map.entry("ip", new Field(Type.STRING, 64, false)),
          Map.entry("email", new Field(Type.STRING, 320, false)),
          Map.entry(REVENUE, new Field(Type.NUMBER, 0, false)),
          Map.entry(DURATION_MS, new Field(Type.NUMBER, 0, false)));

  private EventSchema() {}
}
