package io.canopy.stack.it.differential;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One row as Druid's minute rollup stores it: the events of one minute, tenant and combination of
 * dimension values (as stored), with every metric of the {@code events} template: the count and
 * counts per event type, nullable sums of {@code revenue} and {@code duration_ms}, and what the
 * sketches summarize (the users, the durations, the pages), kept exactly. The test sends each row's
 * events in one batch ({@link EventGenerator}), so a row is one batch's; Druid keeps rows of
 * separate batches apart or merges them, and the model never depends on which. Built by {@link
 * Batch}, then read only.
 */
final class RolledRow {
  /** The dimension values of one row, as stored; part of its rollup key. */
  record Key(Instant minute, Map<Dimension, String> dimensions) {}

  private final Key key;
  private final Batch batch;
  private long count;
  private final Map<String, Long> types = new HashMap<>();
  private Double revenue;
  private Double durationSum;
  private final List<Long> durations = new ArrayList<>();
  private final Set<String> users = new HashSet<>();
  private final Map<String, Long> pages = new HashMap<>();

  RolledRow(Key key, Batch batch) {
    this.key = key;
    this.batch = batch;
  }

  /** The rollup key of {@code e}. */
  static Key keyOf(Event e) {
    Map<Dimension, String> stored = new HashMap<>();
    for (Dimension d : Dimension.values()) {
      stored.put(d, e.stored(d));
    }
    return new Key(e.minute(), Collections.unmodifiableMap(stored));
  }

  void add(Event e) {
    count++;
    types.merge(Objects.requireNonNull(e.type()), 1L, Long::sum);
    if (e.revenue() != null) {
      revenue = (revenue == null ? 0 : revenue) + e.revenue();
    }
    if (e.durationMs() != null) {
      durationSum = (durationSum == null ? 0 : durationSum) + e.durationMs();
      durations.add(e.durationMs());
    }
    if (e.userId() != null) {
      users.add(e.userId());
    }
    String page = e.stored(Dimension.PAGE);
    if (page != null) {
      pages.merge(page, 1L, Long::sum);
    }
  }

  Instant minute() {
    return key.minute();
  }

  /** The stored value of {@code d}; null when the row has none. */
  String get(Dimension d) {
    return key.dimensions().get(d);
  }

  Batch batch() {
    return batch;
  }

  long count() {
    return count;
  }

  long countOf(String type) {
    return types.getOrDefault(type, 0L);
  }

  Double revenue() {
    return revenue;
  }

  Double durationSum() {
    return durationSum;
  }

  List<Long> durations() {
    return Collections.unmodifiableList(durations);
  }

  Set<String> users() {
    return Collections.unmodifiableSet(users);
  }

  Map<String, Long> pages() {
    return Collections.unmodifiableMap(pages);
  }
}
