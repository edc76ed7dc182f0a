package io.canopy.controlplane.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.canopy.controlplane.druid.DruidClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Looks at every Druid supervisor and judges it ({@link SupervisorVerdict}), remembering since when
 * each has been behind. A periodic job looks every 30 s, so the memory exists before anyone asks;
 * the {@code ingestion} health check looks again when it runs. Per control-plane instance.
 * Thread-safe.
 */
public final class SupervisorWatch {
  private final DruidClient druid;
  private final Supplier<Set<String>> suspendedOnRequest;
  private final Clock clock;
  private final Map<String, Instant> behindSince = new HashMap<>();

  /**
   * @param suspendedOnRequest the Druid names of datasources suspended on purpose through the API
   */
  public SupervisorWatch(DruidClient druid, Supplier<Set<String>> suspendedOnRequest, Clock clock) {
    this.druid = druid;
    this.suspendedOnRequest = suspendedOnRequest;
    this.clock = clock;
  }

  /**
   * Every supervisor's verdict now, by id.
   *
   * @throws io.canopy.controlplane.druid.DruidException when the Overlord does not answer
   */
  public synchronized List<SupervisorVerdict> observe() {
    Set<String> onRequest;
    try {
      onRequest = suspendedOnRequest.get();
    } catch (RuntimeException postgresAway) {
      onRequest = Set.of(); // the postgresql check reports it; a suspension then counts
    }
    List<SupervisorVerdict> verdicts = new ArrayList<>();
    Map<String, Instant> stillBehind = new HashMap<>();
    Instant now = clock.instant();
    for (String id : druid.supervisorIds()) {
      Optional<JsonNode> payload = druid.supervisorStatus(id);
      if (payload.isEmpty()) {
        continue; // terminated between the two calls
      }
      SupervisorVerdict v =
          SupervisorVerdict.judge(
              SupervisorReading.of(id, payload.get(), onRequest.contains(id)),
              behindSince.get(id),
              now);
      if (v.behindSince() != null) {
        stillBehind.put(id, v.behindSince());
      }
      verdicts.add(v);
    }
    behindSince.clear();
    behindSince.putAll(stillBehind);
    return verdicts;
  }

  /** For the periodic job: looks, and forgets the answer. */
  public void look() {
    observe();
  }
}
