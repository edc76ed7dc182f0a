package io.canopy.stack.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds event JSON for the tests. */
final class Events {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Events() {}

  static String event(String type, Instant at, String campaign, Map<String, Object> extra) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event", type);
    e.put("timestamp", at.toString());
    e.put("campaign", campaign);
    e.putAll(extra);
    try {
      return JSON.writeValueAsString(e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  static String event(String type, Instant at, String campaign) {
    return event(type, at, campaign, Map.of());
  }
}
