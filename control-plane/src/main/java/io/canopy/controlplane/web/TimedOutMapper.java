package io.canopy.controlplane.web;

import io.canopy.controlplane.common.TimedOutException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** {@link TimedOutException}: 504, the body naming the limit. */
public final class TimedOutMapper implements ExceptionMapper<TimedOutException> {
  @Override
  public Response toResponse(TimedOutException e) {
    return Refusals.answer(504, e, 0);
  }
}
