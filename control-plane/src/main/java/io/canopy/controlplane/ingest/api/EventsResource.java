package io.canopy.controlplane.ingest.api;

import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.auth.Scope;
import io.canopy.controlplane.common.NotPermittedException;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.common.TenantStatus;
import io.canopy.controlplane.ingest.BatchException;
import io.canopy.controlplane.ingest.IdempotencyStore;
import io.canopy.controlplane.ingest.IngestService;
import io.canopy.controlplane.tenant.TenantService;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** {@code POST /v1/events}: see docs/ingest-api.md for the contract. */
@Path("/v1/events")
@Produces(MediaType.APPLICATION_JSON)
public final class EventsResource {
  /** Answered when every event of a well-formed batch was rejected. */
  static final int ALL_REJECTED = 422;

  /** Set on the stored answer of an earlier request with the same {@code Idempotency-Key}. */
  static final String REPLAYED = "Idempotency-Replayed";

  private final IngestService ingest;
  private final TenantService tenants;

  public EventsResource(IngestService ingest, TenantService tenants) {
    this.ingest = ingest;
    this.tenants = tenants;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response post(
      @Auth Caller caller,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      @HeaderParam(IdempotencyStore.HEADER) String idempotencyKey,
      InputStream body) {
    Caller.TenantKey key = sender(caller);
    Quotas quotas = tenants.quotas(key.quotas());
    if (contentLength != null && contentLength > quotas.maxBodyBytes()) {
      throw new BatchException(
          BatchException.Problem.TOO_LARGE,
          "request body is larger than " + quotas.maxBodyBytes() + " bytes");
    }
    IngestService.Result result =
        ingest.ingest(key, quotas, body, contentType, contentEncoding, idempotencyKey);
    int status = result.accepted() == 0 ? ALL_REJECTED : 200;
    Response.ResponseBuilder response =
        Response.status(status).entity(new IngestResponse(result.accepted(), result.rejected()));
    if (result.replayed()) {
      response.header(REPLAYED, "true");
    }
    return response.build();
  }

  /** The key events are sent with: a tenant's, with the ingest scope, of an active tenant. */
  private static Caller.TenantKey sender(Caller caller) {
    if (!(caller instanceof Caller.TenantKey key)) {
      throw new NotPermittedException(
          "the operator token sends no events; use an API key of the tenant the events belong to");
    }
    if (!key.hasScope(Scope.INGEST)) {
      throw new NotPermittedException("this API key has no 'ingest' scope");
    }
    if (key.tenantStatus() != TenantStatus.ACTIVE) {
      throw new NotPermittedException(
          "tenant '" + key.tenantSlug() + "' is suspended: its events are refused until resumed");
    }
    return key;
  }
}
