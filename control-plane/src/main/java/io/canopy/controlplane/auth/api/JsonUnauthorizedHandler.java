package io.canopy.controlplane.auth.api;

import io.canopy.controlplane.web.ErrorResponse;
import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** 401 with a JSON body, the same for a missing, malformed, unknown or revoked credential. */
public final class JsonUnauthorizedHandler implements UnauthorizedHandler {
  @Override
  public Response buildResponse(String prefix, String realm) {
    return Response.status(401)
        .header(HttpHeaders.WWW_AUTHENTICATE, prefix + " realm=\"" + realm + "\"")
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(
            ErrorResponse.of(
                "missing, unknown or revoked API key or operator token:"
                    + " send Authorization: Bearer <api key or operator token>"))
        .build();
  }
}
