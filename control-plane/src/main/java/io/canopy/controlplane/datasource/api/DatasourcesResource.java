package io.canopy.controlplane.datasource.api;

import io.canopy.controlplane.audit.Audited;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.auth.Scope;
import io.canopy.controlplane.datasource.DatasourceService;
import io.canopy.controlplane.datasource.ThawService;
import io.canopy.controlplane.tenant.TenantAccess;
import io.canopy.controlplane.web.PageResponse;
import io.canopy.controlplane.web.RequestBodies;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * {@code /v1/tenants/{tenant}/datasources}: a tenant's dedicated datasource. The operator or the
 * tenant's admin key creates, reads, suspends, resumes, thaws and deletes it; resetting its Kafka
 * offsets is for the operator only.
 */
@Path("/v1/tenants/{tenant}/datasources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class DatasourcesResource {
  private final DatasourceService datasources;
  private final ThawService thaws;
  private final TenantAccess access;

  public DatasourcesResource(
      DatasourceService datasources, ThawService thaws, TenantAccess access) {
    this.datasources = datasources;
    this.thaws = thaws;
    this.access = access;
  }

  @POST
  @Audited("datasource.create")
  public Response create(
      @Auth Caller caller, @PathParam("tenant") String tenant, DatasourceRequest body) {
    DatasourceRequest request = RequestBodies.required(body);
    DatasourceResponse created =
        DatasourceResponse.of(
            datasources.create(
                access.tenant(caller, tenant, Scope.ADMIN),
                request.name(),
                request.preset(),
                request.dimensions()));
    return Response.created(URI.create("/v1/tenants/" + tenant + "/datasources/" + created.name()))
        .entity(created)
        .build();
  }

  @GET
  public PageResponse<DatasourceResponse> list(
      @Auth Caller caller, @PathParam("tenant") String tenant) {
    return new PageResponse<>(
        datasources.list(access.tenant(caller, tenant, Scope.ADMIN)).stream()
            .map(DatasourceResponse::of)
            .toList(),
        null);
  }

  @GET
  @Path("{name}")
  public DatasourceResponse get(
      @Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("name") String name) {
    return DatasourceResponse.of(datasources.get(access.tenant(caller, tenant, Scope.ADMIN), name));
  }

  @POST
  @Path("{name}/suspend")
  @Audited("datasource.suspend")
  public DatasourceResponse suspend(
      @Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("name") String name) {
    return DatasourceResponse.of(
        datasources.setSuspended(access.tenant(caller, tenant, Scope.ADMIN), name, true));
  }

  @POST
  @Path("{name}/resume")
  @Audited("datasource.resume")
  public DatasourceResponse resume(
      @Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("name") String name) {
    return DatasourceResponse.of(
        datasources.setSuspended(access.tenant(caller, tenant, Scope.ADMIN), name, false));
  }

  @POST
  @Path("{name}/reset")
  @Audited("datasource.reset")
  public DatasourceResponse reset(
      @Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("name") String name) {
    return DatasourceResponse.of(
        datasources.resetOffsets(access.tenantForOperator(caller, tenant), name));
  }

  @POST
  @Path("{name}/thaw")
  @Audited("datasource.thaw")
  public Response thaw(
      @Auth Caller caller,
      @PathParam("tenant") String tenant,
      @PathParam("name") String name,
      ThawRequest body) {
    ThawRequest request = RequestBodies.required(body);
    ThawResponse thaw =
        ThawResponse.of(
            thaws.thaw(
                datasources.live(access.tenant(caller, tenant, Scope.ADMIN), name),
                request.interval(),
                request.duration()));
    return Response.status(202).entity(thaw).build();
  }

  @GET
  @Path("{name}/thaw")
  public PageResponse<ThawResponse> thaws(
      @Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("name") String name) {
    return new PageResponse<>(
        thaws.list(datasources.live(access.tenant(caller, tenant, Scope.ADMIN), name)).stream()
            .map(ThawResponse::of)
            .toList(),
        null);
  }

  @DELETE
  @Path("{name}")
  @Audited("datasource.delete")
  public Response delete(
      @Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("name") String name) {
    // 202: a background job erases it; GET shows "deleting" until it is gone (then 404).
    DatasourceResponse deleting =
        DatasourceResponse.of(
            datasources.requestDelete(access.tenant(caller, tenant, Scope.ADMIN), name));
    return Response.accepted(deleting).build();
  }
}
