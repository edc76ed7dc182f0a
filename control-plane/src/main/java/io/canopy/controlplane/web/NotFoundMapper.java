package io.canopy.controlplane.web;

import io.canopy.controlplane.common.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** {@link NotFoundException}: 404. */
public final class NotFoundMapper implements ExceptionMapper<NotFoundException> {
  @Override
  public Response toResponse(NotFoundException e) {
    return Refusals.answer(404, e, 0);
  }
}
