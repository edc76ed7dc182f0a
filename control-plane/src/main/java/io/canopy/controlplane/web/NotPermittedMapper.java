package io.canopy.controlplane.web;

import io.canopy.controlplane.common.NotPermittedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** {@link NotPermittedException}: 403. */
public final class NotPermittedMapper implements ExceptionMapper<NotPermittedException> {
  @Override
  public Response toResponse(NotPermittedException e) {
    return Refusals.answer(403, e, 0);
  }
}
