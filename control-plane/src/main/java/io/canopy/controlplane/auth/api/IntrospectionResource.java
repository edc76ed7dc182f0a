package io.canopy.controlplane.auth.api;

import com.codahale.metrics.annotation.Timed;
import io.canopy.controlplane.auth.KeyIntrospection;
import io.canopy.controlplane.web.ErrorResponse;
import io.canopy.controlplane.web.RequestBodies;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /internal/v1/keys/introspect}: for Druid's Canopy authenticator only, with {@code
 * Authorization: Bearer <internal secret>}. Neither the operator token nor any API key opens it.
 * The admin port's {@code /metrics} counts the calls (timer {@value #METRIC}): how often Druid's
 * caches ask about a key.
 */
@Path("/internal/v1/keys/introspect")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public final class IntrospectionResource {
  public static final String METRIC = "canopy.keys.introspections";
  private static final String BEARER = "Bearer ";

  private final KeyIntrospection introspection;

  public IntrospectionResource(KeyIntrospection introspection) {
    this.introspection = introspection;
  }

  @POST
  @Timed(name = METRIC, absolute = true)
  public Response introspect(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, IntrospectionRequest body) {
    String presented =
        authorization != null && authorization.startsWith(BEARER)
            ? authorization.substring(BEARER.length())
            : null;
    if (!introspection.isInternal(presented)) {
      return Response.status(401)
          .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"canopy-internal\"")
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(ErrorResponse.of("send Authorization: Bearer <internal secret>"))
          .build();
    }
    IntrospectionRequest request = RequestBodies.required(body);
    return Response.ok(
            IntrospectionResponse.of(introspection.introspect(request.prefix(), request.sha256())))
        .build();
  }
}
