package io.canopy.stack.it.differential;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The exact model's memory: every batch each tenant sent, with when it was sent and acknowledged.
 * An answer can't be compared with one snapshot while data changes, so the model gives two for a
 * window: what an answer must hold ({@link #sure}: batches acknowledged before the window's start)
 * and what it may hold ({@link #possible}: batches sent before its end). For a tenant whose data
 * did not change in the window the two are the same, and the answer is checked exactly.
 * Thread-safe.
 */
final class Truth {
  /**
   * How long before an answer's {@code computedAt} its Druid query may have read the data: the
   * query's own time (bounded by the tenant's 30 s timeout) plus Druid's visibility lag after an
   * acknowledgement (below a second on a quiet stack, seconds on a loaded one).
   */
  static final Duration READ_BEFORE_COMPUTED = Duration.ofSeconds(40);

  private final Map<String, List<Batch>> batches = new ConcurrentHashMap<>();

  /** Records {@code batch} as being sent now; call before sending it. */
  void sending(Batch batch, Instant now) {
    batch.sent(now);
    batches.computeIfAbsent(batch.tenant(), t -> new CopyOnWriteArrayList<>()).add(batch);
  }

  /** The batch was stored (200). */
  void acknowledged(Batch batch, Instant now) {
    batch.acked(now);
  }

  /** The batch was refused: nothing of it was stored. */
  void refused(Batch batch) {
    batches.getOrDefault(batch.tenant(), List.of()).remove(batch);
  }

  /**
   * Every batch of the tenant acknowledged so far is in Druid (a count in Druid said so) and no
   * question about them was asked before: every answer must hold them.
   */
  void seen(String tenant) {
    for (Batch b : batches.getOrDefault(tenant, List.of())) {
      if (b.ackedAt() != null) {
        b.seen();
      }
    }
  }

  /** The rows of batches seen in Druid or acknowledged at or before {@code at}. */
  List<RolledRow> sure(String tenant, Instant at) {
    List<RolledRow> rows = new ArrayList<>();
    for (Batch b : batches.getOrDefault(tenant, List.of())) {
      Instant acked = b.ackedAt();
      if (b.wasSeen() || (acked != null && !acked.isAfter(at))) {
        rows.addAll(b.rows());
      }
    }
    return rows;
  }

  /** The rows of batches sent at or before {@code at}, acknowledged or not. */
  List<RolledRow> possible(String tenant, Instant at) {
    List<RolledRow> rows = new ArrayList<>();
    for (Batch b : batches.getOrDefault(tenant, List.of())) {
      if (!b.sentAt().isAfter(at)) {
        rows.addAll(b.rows());
      }
    }
    return rows;
  }

  /** Every event the tenant had acknowledged, for the totals a test asserts on its own. */
  long acknowledgedEvents(String tenant) {
    long n = 0;
    for (Batch b : batches.getOrDefault(tenant, List.of())) {
      if (b.ackedAt() != null) {
        n += b.events().size();
      }
    }
    return n;
  }
}
