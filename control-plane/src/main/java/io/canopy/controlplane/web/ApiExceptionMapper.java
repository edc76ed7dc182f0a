package io.canopy.controlplane.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** {@link ApiException} to its status with a JSON body naming the field at fault. */
public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {
  @Override
  public Response toResponse(ApiException e) {
    Response.ResponseBuilder response =
        Response.status(e.status())
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ErrorResponse(e.getMessage(), e.field(), null, null));
    if (e.retryAfterSeconds() > 0) {
      response.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
    }
    return response.build();
  }
}
