package io.canopy.controlplane.query.api;

import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.query.SchemaService;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /v1/datasources/{name}/schema}: dimensions, measures, the span of the data. */
@Path("/v1/datasources/{name}/schema")
@Produces(MediaType.APPLICATION_JSON)
public final class SchemaResource {
  private final SchemaService schemas;
  private final Queriers queriers;

  public SchemaResource(SchemaService schemas, Queriers queriers) {
    this.schemas = schemas;
    this.queriers = queriers;
  }

  @GET
  public SchemaService.Schema schema(@Auth Caller caller, @PathParam("name") String name) {
    return schemas.schema(queriers.of(caller), name);
  }
}
