package io.canopy.stack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a demo generator has done, as it writes it to {@code data/demo/state.json} (at most once a
 * second, and when it stops) for {@code bin/canopy status} and the tests. Times are ISO-8601 in
 * UTC; a field not reached yet is null.
 *
 * @param backfillFrom the back-fill's first slot: six hours before the generator started
 * @param backfillTo where the back-fill ends and the live traffic begins
 * @param backfilledThrough the end of the last back-filled slot the API has taken
 * @param backfillEvents events of the back-filled slots (stored by this run or an earlier one)
 * @param liveThrough the end of the last live slot the API has taken
 * @param liveEventsPerSecond live events the API took over the last minute, per second
 * @param eventsPerHour events in the API's hands per hour of event time, from this run's back-fill
 *     start on: what Druid must hold for the generator's tenant
 * @param replayedEvents events the API answered from an earlier request's key (stored once before)
 * @param lastError the last failed attempt and what the generator did about it
 * @param stopped why it stopped ("stopped" on SIGTERM, "gave up: …" when it ended itself); null
 *     while it runs
 */
public record DemoState(
    long pid,
    Instant startedAt,
    Instant updatedAt,
    Instant backfillFrom,
    Instant backfillTo,
    Instant backfilledThrough,
    long backfillEvents,
    Instant liveThrough,
    long liveEvents,
    double liveEventsPerSecond,
    SortedMap<Instant, Long> eventsPerHour,
    long replayedEvents,
    long errors,
    String lastError,
    Instant lastErrorAt,
    String stopped,
    Instant stoppedAt) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public DemoState {
    eventsPerHour = new TreeMap<>(eventsPerHour);
  }

  /** Whether the back-fill has reached the live traffic. */
  public boolean backfilled() {
    return backfilledThrough != null && !backfilledThrough.isBefore(backfillTo);
  }

  /** The state written at {@code file}, if there is one. */
  public static Optional<DemoState> read(Path file) {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(fromJson(JSON.readTree(file.toFile())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // half-written by a generator killed mid-write: none
    }
  }

  /** Writes it whole or not at all (a reader never sees half a file). */
  public void write(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Path partial = file.resolveSibling(file.getFileName() + ".partial");
      JSON.writerWithDefaultPrettyPrinter().writeValue(partial.toFile(), toJson());
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ObjectNode toJson() {
    ObjectNode o = JSON.createObjectNode().put("pid", pid);
    time(o, "startedAt", startedAt).put("updatedAt", text(updatedAt));
    time(o, "backfillFrom", backfillFrom).put("backfillTo", text(backfillTo));
    time(o, "backfilledThrough", backfilledThrough).put("backfillEvents", backfillEvents);
    time(o, "liveThrough", liveThrough).put("liveEvents", liveEvents);
    o.put("liveEventsPerSecond", liveEventsPerSecond);
    ObjectNode hours = o.putObject("eventsPerHour");
    eventsPerHour.forEach((hour, n) -> hours.put(hour.toString(), n));
    o.put("replayedEvents", replayedEvents).put("errors", errors).put("lastError", lastError);
    time(o, "lastErrorAt", lastErrorAt).put("stopped", stopped);
    return time(o, "stoppedAt", stoppedAt);
  }

  static DemoState fromJson(JsonNode o) {
    SortedMap<Instant, Long> hours = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : o.path("eventsPerHour").properties()) {
      hours.put(Instant.parse(e.getKey()), e.getValue().asLong());
    }
    return new DemoState(
        o.path("pid").asLong(),
        time(o, "startedAt"),
        time(o, "updatedAt"),
        time(o, "backfillFrom"),
        time(o, "backfillTo"),
        time(o, "backfilledThrough"),
        o.path("backfillEvents").asLong(),
        time(o, "liveThrough"),
        o.path("liveEvents").asLong(),
        o.path("liveEventsPerSecond").asDouble(),
        hours,
        o.path("replayedEvents").asLong(),
        o.path("errors").asLong(),
        o.path("lastError").isTextual() ? o.path("lastError").asText() : null,
        time(o, "lastErrorAt"),
        o.path("stopped").isTextual() ? o.path("stopped").asText() : null,
        time(o, "stoppedAt"));
  }

  private static ObjectNode time(ObjectNode o, String name, Instant t) {
    return o.put(name, text(t));
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  private static Instant time(JsonNode o, String name) {
    return o.path(name).isTextual() ? Instant.parse(o.path(name).asText()) : null;
  }
}
