package io.canopy.controlplane.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every other exception. JAX-RS exceptions keep their status with a JSON body; anything else is a
 * 500 whose body holds only an error id, logged with the stack trace so an operator can find it.
 */
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

  @Override
  public Response toResponse(Throwable e) {
    if (e instanceof WebApplicationException wae) {
      Response r = wae.getResponse();
      return Response.status(r.getStatus())
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(ErrorResponse.of(wae.getMessage()))
          .build();
    }
    String id = UUID.randomUUID().toString();
    LOG.error("Unexpected error {}", id, e);
    return Response.status(500)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorResponse("internal error", null, id, null))
        .build();
  }
}
