package io.canopy.controlplane.query.api;

import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.query.QueryResult;
import io.canopy.controlplane.query.QueryService;
import io.canopy.controlplane.query.model.QueryModel;
import io.canopy.controlplane.web.ClientConnection;
import io.canopy.controlplane.web.RequestBodies;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /v1/query}: one query model, answered as rows, totals and freshness. */
@Path("/v1/query")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class QueryResource {
  private final QueryService queries;
  private final Queriers queriers;

  public QueryResource(QueryService queries, Queriers queriers) {
    this.queries = queries;
    this.queriers = queriers;
  }

  @POST
  public QueryResult query(
      @Auth Caller caller,
      @HeaderParam(HttpHeaders.CACHE_CONTROL) String cacheControl,
      QueryModel body) {
    Caller.TenantKey key = queriers.of(caller);
    QueryModel model = RequestBodies.required(body);
    try (ClientConnection client = ClientConnection.ofThisRequest()) {
      return queries.query(key, model, NoCache.asked(cacheControl), client);
    }
  }
}
