package io.canopy.controlplane.api;

import io.canopy.controlplane.api.model.IngestResponse;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.ingest.BatchException;
import io.canopy.controlplane.ingest.IngestService;
import io.dropwizard.auth.Auth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
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

  private final IngestService ingest;
  private final long maxBodyBytes;

  public EventsResource(IngestService ingest, long maxBodyBytes) {
    this.ingest = ingest;
    this.maxBodyBytes = maxBodyBytes;
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response post(
      @Auth Caller caller,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
      @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
      InputStream body) {
    if (!caller.hasScope(Caller.SCOPE_INGEST)) {
      throw new ForbiddenException("this API key has no ingest scope");
    }
    if (contentLength != null && contentLength > maxBodyBytes) {
      throw new BatchException(
          BatchException.Problem.TOO_LARGE,
          "request body is larger than " + maxBodyBytes + " bytes");
    }
    IngestService.Result result = ingest.ingest(caller, body, contentType, contentEncoding);
    int status = result.accepted() == 0 ? ALL_REJECTED : 200;
    return Response.status(status)
        .entity(new IngestResponse(result.accepted(), result.rejected()))
        .build();
  }
}
