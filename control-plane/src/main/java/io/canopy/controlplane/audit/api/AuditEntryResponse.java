package io.canopy.controlplane.audit.api;

import io.canopy.controlplane.audit.AuditEntry;
import java.time.Instant;

/** One audit entry as the API shows it. */
public record AuditEntryResponse(
    long id,
    Instant at,
    String actor,
    String action,
    String tenant,
    String target,
    int status,
    String result) {
  static AuditEntryResponse of(AuditEntry e) {
    return new AuditEntryResponse(
        e.id(), e.at(), e.actor(), e.action(), e.tenant(), e.target(), e.status(), e.result());
  }
}
