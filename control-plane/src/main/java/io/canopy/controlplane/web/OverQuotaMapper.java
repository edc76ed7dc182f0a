package io.canopy.controlplane.web;

import io.canopy.controlplane.common.OverQuotaException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** {@link OverQuotaException}: 429 with {@code Retry-After}. */
public final class OverQuotaMapper implements ExceptionMapper<OverQuotaException> {
  @Override
  public Response toResponse(OverQuotaException e) {
    return Refusals.answer(429, e, e.retryAfterSeconds());
  }
}
