package io.canopy.controlplane.audit;

import java.time.Instant;

/**
 * One audited admin action: who (actor), what (action), the tenant and path it addressed, when, and
 * how it ended (HTTP status and a short result).
 */
public record AuditEntry(
    long id,
    Instant at,
    String actor,
    String action,
    String tenant,
    String target,
    int status,
    String result) {}
