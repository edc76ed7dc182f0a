package io.canopy.controlplane.erasure;

import java.util.List;

/** What an erasure does next, as {@link ErasurePlanner} decides it. */
public sealed interface ErasureStep {

  /** Nothing to do until Druid has caught up; {@code reason} says on what. */
  record Wait(String reason) implements ErasureStep {}

  /**
   * Rewrite each interval without the tenant's rows. {@code cold}: the intervals include every cold
   * day of the range, so a successful pass finishes the cold part. {@code handoff}: some of the
   * tenant's rows are still in streaming tasks, which should publish now so a later pass can
   * rewrite them. {@code intervals} may be empty when only the handoff is due.
   */
  record Compact(List<Span> intervals, boolean cold, boolean handoff) implements ErasureStep {}

  /** No row of the tenant is left. */
  record Done() implements ErasureStep {}
}
