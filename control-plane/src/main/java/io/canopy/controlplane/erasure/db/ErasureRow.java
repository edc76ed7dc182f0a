package io.canopy.controlplane.erasure.db;

import io.canopy.controlplane.erasure.ErasureState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An erasure of a deleted tenant's rows from a pooled datasource, as stored. {@code taskIds} are
 * the compaction tasks of the pass under way (empty between passes); {@code passIsCold} says that
 * pass rewrites the cold days, and {@code coldDone} that one did.
 */
public record ErasureRow(
    UUID tenantId,
    String tenantSlug,
    String datasource,
    Instant rangeStart,
    Instant rangeEnd,
    ErasureState state,
    List<String> taskIds,
    boolean passIsCold,
    boolean coldDone,
    int passes,
    Instant handoffAt,
    String lastError,
    Instant requestedAt,
    Instant updatedAt,
    Instant completedAt) {

  public boolean done() {
    return state == ErasureState.DONE;
  }
}
