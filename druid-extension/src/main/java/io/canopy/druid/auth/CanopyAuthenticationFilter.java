package io.canopy.druid.auth;

import java.io.IOException;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.druid.java.util.common.logger.Logger;
import org.apache.druid.server.security.AuthConfig;

/**
 * The servlet filter of {@link CanopyAuthenticator}: sets the caller's authentication result, or
 * refuses a credential that is not Canopy's with a JSON 401. It answers every error on the paths it
 * guards as JSON ({@link JsonErrorResponse}): its own refusals, Druid's errors, Jetty's 404 and 405
 * pages, and an exception that escaped Druid's handler (a 500, logged here with its stack trace,
 * which the caller never sees). Thread-safe.
 */
final class CanopyAuthenticationFilter implements Filter {
  private static final Logger LOG = new Logger(CanopyAuthenticationFilter.class);

  static final String REFUSED =
      "Unknown, revoked or suspended credential, or one without the query scope.";

  private final CanopyAuthenticator authenticator;
  private final String name;
  private final String authorizerName;

  CanopyAuthenticationFilter(
      CanopyAuthenticator authenticator, String name, String authorizerName) {
    this.authenticator = authenticator;
    this.name = name;
    this.authorizerName = authorizerName;
  }

  @Override
  public void init(FilterConfig config) {}

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    JsonErrorResponse response = new JsonErrorResponse(request, (HttpServletResponse) resp);
    CanopyAuthenticator.Outcome outcome =
        authenticator.authenticate(request.getHeader("Authorization"));
    if (outcome.presented() && outcome.identity() == null) {
      response.setHeader("WWW-Authenticate", authenticator.getAuthChallengeHeader());
      response.answer(HttpServletResponse.SC_UNAUTHORIZED, REFUSED);
      return;
    }
    if (outcome.identity() != null) {
      request.setAttribute(
          AuthConfig.DRUID_AUTHENTICATION_RESULT,
          outcome.identity().toResult(name, authorizerName));
    }
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      if (!response.canAnswer()) {
        throw e;
      }
      LOG.warn(e, "Answered 500 to %s %s", request.getMethod(), request.getRequestURI());
      response.answer(500, JsonErrors.messageFor(500));
      return;
    }
    response.finish();
  }

  @Override
  public void destroy() {}
}
