package io.canopy.controlplane.web;

import io.canopy.controlplane.common.UnavailableException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link UnavailableException}: 503 with {@code Retry-After}, the dependency, and an error id that
 * finds the detail in the log.
 */
public final class UnavailableExceptionMapper implements ExceptionMapper<UnavailableException> {
  private static final Logger LOG = LoggerFactory.getLogger(UnavailableExceptionMapper.class);

  /** Seconds a client waits before it tries again. */
  public static final int RETRY_AFTER_SECONDS = 5;

  @Override
  public Response toResponse(UnavailableException e) {
    return unavailable(e.dependency(), e.getMessage(), e.getCause());
  }

  /** The 503 answer for a dependency that is away; also used by the database mapper. */
  static Response unavailable(
      UnavailableException.Dependency dependency, String detail, Throwable cause) {
    String id = UUID.randomUUID().toString();
    LOG.warn(
        "{} unavailable, error id {}: {} ({})",
        dependency.displayName(),
        id,
        detail,
        String.valueOf(cause));
    return Response.status(503)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(
            ErrorResponse.unavailable(
                dependency.displayName()
                    + " is unavailable and the request was not completed; retry later",
                dependency.id(),
                id))
        .build();
  }
}
