package io.canopy.controlplane.tenant.api;

import io.canopy.controlplane.audit.Audited;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.auth.Scope;
import io.canopy.controlplane.common.TenantStatus;
import io.canopy.controlplane.tenant.TenantAccess;
import io.canopy.controlplane.tenant.TenantService;
import io.canopy.controlplane.web.PageResponse;
import io.canopy.controlplane.web.Paging;
import io.canopy.controlplane.web.RequestBodies;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * {@code /v1/tenants}: create and list (operator); read (operator, or the tenant's own key with the
 * admin scope); update, suspend, resume and delete (operator). See docs/operations.md.
 */
@Path("/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class TenantsResource {
  private final TenantService tenants;
  private final TenantAccess access;

  public TenantsResource(TenantService tenants, TenantAccess access) {
    this.tenants = tenants;
    this.access = access;
  }

  @POST
  @Audited("tenant.create")
  public Response create(@Auth Caller caller, TenantRequest body) {
    caller.requireOperator();
    TenantRequest request = RequestBodies.required(body);
    TenantResponse created =
        TenantResponse.of(tenants.create(request.slug(), request.name(), request.quotas()));
    return Response.created(URI.create("/v1/tenants/" + created.slug())).entity(created).build();
  }

  @GET
  public PageResponse<TenantResponse> list(
      @Auth Caller caller, @QueryParam("limit") String limit, @QueryParam("after") String after) {
    caller.requireOperator();
    return PageResponse.of(tenants.list(after, Paging.limit(limit)), TenantResponse::of);
  }

  @GET
  @Path("{tenant}")
  public TenantResponse get(@Auth Caller caller, @PathParam("tenant") String tenant) {
    return TenantResponse.of(tenants.details(access.tenant(caller, tenant, Scope.ADMIN)));
  }

  @PATCH
  @Path("{tenant}")
  @Audited("tenant.update")
  public TenantResponse update(
      @Auth Caller caller, @PathParam("tenant") String tenant, TenantRequest body) {
    TenantRequest request = RequestBodies.required(body);
    return TenantResponse.of(
        tenants.update(
            access.tenantForOperator(caller, tenant),
            request.slug(),
            request.name(),
            request.quotas()));
  }

  @POST
  @Path("{tenant}/suspend")
  @Audited("tenant.suspend")
  public TenantResponse suspend(@Auth Caller caller, @PathParam("tenant") String tenant) {
    return TenantResponse.of(
        tenants.setStatus(access.tenantForOperator(caller, tenant), TenantStatus.SUSPENDED));
  }

  @POST
  @Path("{tenant}/resume")
  @Audited("tenant.resume")
  public TenantResponse resume(@Auth Caller caller, @PathParam("tenant") String tenant) {
    return TenantResponse.of(
        tenants.setStatus(access.tenantForOperator(caller, tenant), TenantStatus.ACTIVE));
  }

  @DELETE
  @Path("{tenant}")
  @Audited("tenant.delete")
  public Response delete(@Auth Caller caller, @PathParam("tenant") String tenant) {
    tenants.delete(access.tenantForOperator(caller, tenant));
    return Response.noContent().build();
  }
}
