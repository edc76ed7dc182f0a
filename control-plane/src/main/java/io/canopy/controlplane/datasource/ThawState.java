package io.canopy.controlplane.datasource;

import java.time.Instant;

/**
 * A thaw: the interval, when its load rule goes away, whether it already has, and how many of the
 * interval's segments Druid has loaded so far (while the thaw is active).
 */
public record ThawState(
    String interval,
    Instant createdAt,
    Instant expiresAt,
    boolean expired,
    int segments,
    int segmentsLoaded) {}
