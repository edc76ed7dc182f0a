package io.canopy.controlplane.datasource.api;

import io.canopy.controlplane.datasource.ThawState;
import java.time.Instant;

/**
 * A thaw: the interval, when its load rule goes away, whether it already has, and how many of the
 * interval's segments Druid has loaded so far (while the thaw is active).
 */
public record ThawResponse(
    String interval,
    Instant createdAt,
    Instant expiresAt,
    boolean expired,
    int segments,
    int segmentsLoaded) {
  static ThawResponse of(ThawState t) {
    return new ThawResponse(
        t.interval(), t.createdAt(), t.expiresAt(), t.expired(), t.segments(), t.segmentsLoaded());
  }
}
