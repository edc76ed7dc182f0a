package io.canopy.controlplane.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.eclipse.jetty.http.BadMessageException;

/**
 * Jetty refusing a request while Jersey reads it (a body below the minimum data rate is a 408): its
 * status, with Canopy's message for it.
 */
public final class BadMessageExceptionMapper implements ExceptionMapper<BadMessageException> {
  @Override
  public Response toResponse(BadMessageException e) {
    return Response.status(e.getCode())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorResponse.of(JsonErrorHandler.message(e.getCode())))
        .build();
  }
}
