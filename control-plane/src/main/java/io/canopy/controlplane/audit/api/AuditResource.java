package io.canopy.controlplane.audit.api;

import io.canopy.controlplane.audit.AuditLog;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.web.PageResponse;
import io.canopy.controlplane.web.Paging;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /v1/audit} (operator): admin actions, newest first; {@code tenant} narrows to one
 * tenant, {@code after} is the previous page's {@code next}.
 */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {
  private final AuditLog audit;

  public AuditResource(AuditLog audit) {
    this.audit = audit;
  }

  @GET
  public PageResponse<AuditEntryResponse> list(
      @Auth Caller caller,
      @QueryParam("tenant") String tenant,
      @QueryParam("limit") String limit,
      @QueryParam("after") String after) {
    caller.requireOperator();
    return PageResponse.of(audit.list(tenant, after, Paging.limit(limit)), AuditEntryResponse::of);
  }
}
