package io.canopy.controlplane.web;

import io.canopy.controlplane.common.AbandonedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@link AbandonedException}: the client went away and its query was cancelled. Nobody reads the
 * answer; its status, 499 (as nginx names a request its client closed), is for the request log.
 */
public final class AbandonedMapper
    implements jakarta.ws.rs.ext.ExceptionMapper<AbandonedException> {
  /** Client closed the request. */
  static final int CLIENT_CLOSED = 499;

  @Override
  public Response toResponse(AbandonedException e) {
    return Response.status(CLIENT_CLOSED)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorResponse.of(e.getMessage()))
        .build();
  }
}
