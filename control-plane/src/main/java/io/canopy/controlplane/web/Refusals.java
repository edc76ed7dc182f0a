package io.canopy.controlplane.web;

import io.canopy.controlplane.common.RefusedException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The answer to a {@link RefusedException}: its status, and a JSON body naming the field. */
final class Refusals {
  private Refusals() {}

  static Response answer(int status, RefusedException e, long retryAfterSeconds) {
    Response.ResponseBuilder response =
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ErrorResponse(e.getMessage(), e.field(), null, null));
    if (retryAfterSeconds > 0) {
      response.header(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
    }
    return response.build();
  }
}
