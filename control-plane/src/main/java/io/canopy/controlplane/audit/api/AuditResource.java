package io.canopy.controlplane.audit.api;

import io.canopy.controlplane.audit.AuditEntry;
import io.canopy.controlplane.audit.db.AuditDao;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.common.InvalidInputException;
import io.canopy.controlplane.tenant.TenantAccess;
import io.canopy.controlplane.web.PageResponse;
import io.canopy.controlplane.web.Paging;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * {@code GET /v1/audit} (operator): admin actions, newest first; {@code tenant} narrows to one
 * tenant, {@code after} is the previous page's {@code next}.
 */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
  private final AuditDao audit;
  private final TenantAccess access;

  public AuditResource(AuditDao audit, TenantAccess access) {
    this.audit = audit;
    this.access = access;
  }

  @GET
  public PageResponse<AuditEntry> list(
      @Auth Caller caller,
      @QueryParam("tenant") String tenant,
      @QueryParam("limit") String limitParam,
      @QueryParam("after") String after) {
    access.requireOperator(caller);
    int limit = Paging.limit(limitParam);
    long before = before(after);
    List<AuditEntry> rows =
        tenant == null ? audit.list(before, limit) : audit.listForTenant(tenant, before, limit);
    String next = rows.size() == limit ? Long.toString(rows.get(rows.size() - 1).id()) : null;
    return new PageResponse<>(rows, next);
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
