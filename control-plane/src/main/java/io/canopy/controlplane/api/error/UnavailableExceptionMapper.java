package io.canopy.controlplane.api.error;

import io.canopy.controlplane.api.model.ErrorResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link UnavailableException}: 503 with an error id that finds the detail in the log. */
public final class UnavailableExceptionMapper implements ExceptionMapper<UnavailableException> {
  private static final Logger LOG = LoggerFactory.getLogger(UnavailableExceptionMapper.class);

  @Override
  public Response toResponse(UnavailableException e) {
    String id = UUID.randomUUID().toString();
    LOG.warn("A dependency failed, error id {}: {}", id, e.getMessage(), e.getCause());
    return Response.status(503)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(
            new ErrorResponse(
                "Druid or Kafka did not complete the request; retry later", null, id, null))
        .build();
  }
}
