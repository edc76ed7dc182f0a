package io.canopy.controlplane.datasource;

import java.util.Map;

/**
 * What Druid shows of a dedicated datasource right now: its supervisor's state and lag, the rows
 * and events it serves, its newest event, and the bytes on each historical tier.
 */
public record DatasourceLive(
    String supervisorState,
    Long lag,
    long rows,
    long events,
    String newestEvent,
    Map<String, Long> bytesPerTier) {}
