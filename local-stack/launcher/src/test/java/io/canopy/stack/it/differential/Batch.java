package io.canopy.stack.it.differential;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code POST /v1/events} of one tenant: its events, rolled up as Druid will roll them, when it
 * was sent and when the ingest API acknowledged it (unset until then). What an answer may include
 * follows from these two instants ({@link Truth}). Thread-safe once built.
 */
final class Batch {
  private final String tenant;
  private final List<Event> events;
  private final Collection<RolledRow> rows;
  private volatile Instant sentAt;
  private volatile Instant ackedAt;
  private volatile boolean seen;

  Batch(String tenant, List<Event> events) {
    this.tenant = tenant;
    this.events = List.copyOf(events);
    Map<RolledRow.Key, RolledRow> rolled = new LinkedHashMap<>();
    for (Event e : events) {
      rolled.computeIfAbsent(RolledRow.keyOf(e), k -> new RolledRow(k, this)).add(e);
    }
    this.rows = List.copyOf(rolled.values());
  }

  String tenant() {
    return tenant;
  }

  List<Event> events() {
    return events;
  }

  Collection<RolledRow> rows() {
    return rows;
  }

  /** The events as the ingest API's JSON array elements. */
  List<String> json() {
    List<String> out = new ArrayList<>(events.size());
    events.forEach(e -> out.add(e.json()));
    return out;
  }

  void sent(Instant at) {
    sentAt = at;
  }

  void acked(Instant at) {
    ackedAt = at;
  }

  /** Druid was seen to hold it before any question about it was asked. */
  void seen() {
    seen = true;
  }

  /** Whether every answer must hold it ({@link #seen}). */
  boolean wasSeen() {
    return seen;
  }

  /** When it was sent; null before. */
  Instant sentAt() {
    return sentAt;
  }

  /** When the ingest API answered 200; null before (and for a batch not stored). */
  Instant ackedAt() {
    return ackedAt;
  }
}
