package io.canopy.controlplane.ingest.api;

import io.canopy.controlplane.ingest.BatchException;
import io.canopy.controlplane.web.ErrorResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A body that is not a batch: 400 malformed, 413 over a limit, 415 wrong type or encoding. */
public final class BatchExceptionMapper implements ExceptionMapper<BatchException> {
  @Override
  public Response toResponse(BatchException e) {
    int status =
        switch (e.problem()) {
          case MALFORMED -> 400;
          case TOO_LARGE -> 413;
          case UNSUPPORTED_MEDIA_TYPE -> 415;
          case TOO_SLOW -> 408;
        };
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorResponse(e.getMessage(), "body", null, null))
        .build();
  }
}
