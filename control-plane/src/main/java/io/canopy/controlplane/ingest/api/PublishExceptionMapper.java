package io.canopy.controlplane.ingest.api;

import io.canopy.controlplane.ingest.PublishException;
import io.canopy.controlplane.web.ErrorResponse;
import io.canopy.controlplane.web.UnavailableExceptionMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch's Kafka transaction was not committed: 503, {@code Retry-After}, {@code accepted: 0}
 * and {@code dependency: kafka}. The message says "nothing stored" unless Kafka never answered the
 * commit, when it says that only a resend with the same Idempotency-Key can tell.
 */
public final class PublishExceptionMapper implements ExceptionMapper<PublishException> {
  private static final Logger LOG = LoggerFactory.getLogger(PublishExceptionMapper.class);

  @Override
  public Response toResponse(PublishException e) {
    LOG.warn("Events not published: {} ({})", e.getMessage(), String.valueOf(e.getCause()));
    String message =
        e.isOutcomeUnknown()
            ? "Kafka acknowledged the events but did not confirm the batch ("
                + e.getMessage()
                + "); resend it with the same Idempotency-Key to learn whether it was stored"
            : "events could not be stored ("
                + e.getMessage()
                + "); nothing of this batch was"
                + " stored: retry the whole batch";
    return Response.status(503)
        .header(HttpHeaders.RETRY_AFTER, UnavailableExceptionMapper.RETRY_AFTER_SECONDS)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorResponse(message, null, null, 0, "kafka"))
        .build();
  }
}
