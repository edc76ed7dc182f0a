package io.canopy.controlplane.api.error;

import io.canopy.controlplane.api.model.ErrorResponse;
import io.canopy.controlplane.ingest.PublishException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kafka did not acknowledge: 503, {@code Retry-After}, and nothing reported as accepted. */
public final class PublishExceptionMapper implements ExceptionMapper<PublishException> {
  private static final Logger LOG = LoggerFactory.getLogger(PublishExceptionMapper.class);

  @Override
  public Response toResponse(PublishException e) {
    LOG.warn("Events not published: {} ({})", e.getMessage(), String.valueOf(e.getCause()));
    return Response.status(503)
        .header("Retry-After", "5")
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(
            new ErrorResponse(
                "events could not be stored (" + e.getMessage() + "); retry the whole batch",
                null,
                null,
                0))
        .build();
  }
}
