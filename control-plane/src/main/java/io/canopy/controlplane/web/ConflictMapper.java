package io.canopy.controlplane.web;

import io.canopy.controlplane.common.ConflictException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * {@link ConflictException}: 409, with {@code Retry-After} while the same request is still being
 * handled.
 */
public final class ConflictMapper implements ExceptionMapper<ConflictException> {
  @Override
  public Response toResponse(ConflictException e) {
    return Refusals.answer(409, e, e.retryAfterSeconds());
  }
}
