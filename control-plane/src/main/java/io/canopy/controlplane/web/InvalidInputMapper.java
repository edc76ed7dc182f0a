package io.canopy.controlplane.web;

import io.canopy.controlplane.common.InvalidInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * {@link InvalidInputException}: 400, or 413 for a body too large, or 422 for input a later rule
 * refused.
 */
public final class InvalidInputMapper implements ExceptionMapper<InvalidInputException> {
  @Override
  public Response toResponse(InvalidInputException e) {
    return Refusals.answer(
        switch (e.kind()) {
          case INVALID -> 400;
          case TOO_LARGE -> 413;
          case UNPROCESSABLE -> 422;
        },
        e,
        0);
  }
}
