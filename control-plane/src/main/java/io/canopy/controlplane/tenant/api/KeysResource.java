package io.canopy.controlplane.tenant.api;

import io.canopy.controlplane.audit.Audited;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.auth.Scope;
import io.canopy.controlplane.tenant.IssuedKey;
import io.canopy.controlplane.tenant.KeyService;
import io.canopy.controlplane.tenant.Tenant;
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
 * {@code /v1/tenants/{tenant}/keys}: the operator, or the tenant's own key with the admin scope,
 * creates, lists and revokes the tenant's API keys.
 */
@Path("/v1/tenants/{tenant}/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class KeysResource {
  private final KeyService keys;
  private final TenantAccess access;

  public KeysResource(KeyService keys, TenantAccess access) {
    this.keys = keys;
    this.access = access;
  }

  @POST
  @Audited("key.create")
  public Response create(@Auth Caller caller, @PathParam("tenant") String tenant, KeyRequest body) {
    Tenant row = access.tenant(caller, tenant, Scope.ADMIN);
    KeyRequest request = RequestBodies.required(body);
    IssuedKey issued = keys.create(row, request.name(), request.scopes());
    KeyCreatedResponse created =
        new KeyCreatedResponse(
            issued.id(), issued.prefix(), issued.key(), issued.name(), issued.scopes());
    return Response.created(URI.create("/v1/tenants/" + tenant + "/keys/" + created.id()))
        .entity(created)
        .build();
  }

  @GET
  public PageResponse<KeyResponse> list(@Auth Caller caller, @PathParam("tenant") String tenant) {
    return new PageResponse<>(
        keys.list(access.tenant(caller, tenant, Scope.ADMIN)).stream()
            .map(KeyResponse::of)
            .toList(),
        null);
  }

  @DELETE
  @Path("{key}")
  @Audited("key.revoke")
  public Response revoke(
      @Auth Caller caller, @PathParam("tenant") String tenant, @PathParam("key") String key) {
    keys.revoke(access.tenant(caller, tenant, Scope.ADMIN), key);
    return Response.noContent().build();
  }
}
