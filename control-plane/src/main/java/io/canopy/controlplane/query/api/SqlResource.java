package io.canopy.controlplane.query.api;

import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.druid.SqlParameter;
import io.canopy.controlplane.query.SqlService;
import io.canopy.controlplane.web.ClientConnection;
import io.canopy.controlplane.web.RequestBodies;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code POST /v1/sql}: ad-hoc read-only Druid SQL as the calling tenant. */
@Path("/v1/sql")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class SqlResource {
  private final SqlService sql;
  private final Queriers queriers;

  public SqlResource(SqlService sql, Queriers queriers) {
    this.sql = sql;
    this.queriers = queriers;
  }

  /** {@code {"query": "SELECT …", "parameters": [{"type": "VARCHAR", "value": "…"}]}}. */
  public record SqlRequest(String query, List<SqlParameter> parameters) {}

  @POST
  public SqlService.Answer run(@Auth Caller caller, SqlRequest body) {
    SqlRequest request = RequestBodies.required(body);
    Caller.TenantKey key = queriers.of(caller);
    try (ClientConnection client = ClientConnection.ofThisRequest()) {
      return sql.run(key, request.query(), request.parameters(), client);
    }
  }
}
