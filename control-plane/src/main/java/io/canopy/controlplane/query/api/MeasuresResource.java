package io.canopy.controlplane.query.api;

import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.query.MeasureService;
import io.canopy.controlplane.query.measure.CustomMeasure;
import io.canopy.controlplane.query.model.QueryModel;
import io.canopy.controlplane.web.RequestBodies;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/**
 * {@code /v1/measures?datasource=…} (default {@code events}): the built-in measures and the
 * tenant's own; create, read, replace and delete its own. A tenant's key with the {@code query}
 * scope.
 */
@Path("/v1/measures")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class MeasuresResource {
  private final MeasureService measures;
  private final Queriers queriers;

  public MeasuresResource(MeasureService measures, Queriers queriers) {
    this.measures = measures;
    this.queriers = queriers;
  }

  @GET
  public List<MeasureResponse> list(
      @Auth Caller caller, @QueryParam("datasource") String datasource) {
    MeasureService.Listing listing = measures.list(queriers.of(caller), name(datasource));
    return listing.catalog().all().stream()
        .map(m -> MeasureResponse.of(m, listing.custom()))
        .toList();
  }

  @POST
  public Response create(
      @Auth Caller caller, @QueryParam("datasource") String datasource, CustomMeasure body) {
    CustomMeasure created =
        measures.create(queriers.of(caller), name(datasource), RequestBodies.required(body));
    return Response.created(URI.create("/v1/measures/" + created.name())).entity(created).build();
  }

  @GET
  @Path("{name}")
  public CustomMeasure get(
      @Auth Caller caller,
      @PathParam("name") String name,
      @QueryParam("datasource") String datasource) {
    return measures.get(queriers.of(caller), name(datasource), name);
  }

  @PUT
  @Path("{name}")
  public CustomMeasure replace(
      @Auth Caller caller,
      @PathParam("name") String name,
      @QueryParam("datasource") String datasource,
      CustomMeasure body) {
    return measures.replace(
        queriers.of(caller), name(datasource), name, RequestBodies.required(body));
  }

  @DELETE
  @Path("{name}")
  public Response delete(
      @Auth Caller caller,
      @PathParam("name") String name,
      @QueryParam("datasource") String datasource) {
    measures.delete(queriers.of(caller), name(datasource), name);
    return Response.noContent().build();
  }

  private static String name(String datasource) {
    return datasource == null || datasource.isBlank() ? QueryModel.POOLED : datasource;
  }
}
