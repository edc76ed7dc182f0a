package io.canopy.controlplane.audit;

import io.canopy.controlplane.audit.db.AuditDao;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.common.Page;

/** The audit log of admin actions: written by every {@link Audited} call, read by the operator. */
public final class AuditLog {
  private final AuditDao audit;

  public AuditLog(AuditDao audit) {
    this.audit = audit;
  }

  /** Records one admin action, allowed or refused; {@code tenant} is null for none. */
  public void record(
      String actor, String action, String tenant, String target, int status, String result) {
    audit.insert(actor, action, tenant, target, status, result);
  }

  /**
   * Entries newest first; {@code tenant} narrows to one tenant (null for all), {@code after} is the
   * previous page's {@code next}.
   */
  public Page<AuditEntry> list(String tenant, String after, int limit) {
    long before = before(after);
    return Page.of(
        tenant == null ? audit.list(before, limit) : audit.listForTenant(tenant, before, limit),
        limit,
        entry -> Long.toString(entry.id()));
  }

  private static long before(String after) {
    if (after == null || after.isEmpty()) {
      return Long.MAX_VALUE;
    }
    try {
      return Long.parseLong(after);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "after", "must be the 'next' of a previous page, not '" + after + "'");
    }
  }
}
