package io.canopy.controlplane.health;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One look at a Druid supervisor, from its status payload ({@code GET
 * /druid/indexer/v1/supervisor/<id>/status}).
 *
 * @param state Druid's detailed state ({@code RUNNING}, {@code SUSPENDED}, {@code UNHEALTHY_TASKS},
 *     {@code CREATING_TASKS}, …)
 * @param druidHealthy what Druid itself says ({@code healthy}); it stays true while suspended
 * @param lag unread messages ({@code aggregateLag}); Druid reports 0 when no task reads
 * @param reading some task is reading the stream (an active task reports its offsets)
 * @param suspendedOnRequest its datasource was suspended on purpose through the API
 */
public record SupervisorReading(
    String id,
    String state,
    boolean druidHealthy,
    long lag,
    boolean reading,
    boolean suspendedOnRequest) {

  /** Reads Druid's status payload of supervisor {@code id}. */
  public static SupervisorReading of(String id, JsonNode payload, boolean suspendedOnRequest) {
    String state = payload.path("detailedState").asText(payload.path("state").asText("UNKNOWN"));
    if (payload.path("suspended").asBoolean(false)
        || payload.path("state").asText().equals("SUSPENDED")) {
      state = "SUSPENDED";
    }
    boolean reading = false;
    for (JsonNode task : payload.path("activeTasks")) {
      reading |= !task.path("currentOffsets").isEmpty();
    }
    return new SupervisorReading(
        id,
        state,
        payload.path("healthy").asBoolean(false),
        Math.max(0, payload.path("aggregateLag").asLong(0)),
        reading,
        suspendedOnRequest);
  }

  boolean suspended() {
    return state.equals("SUSPENDED");
  }
}
