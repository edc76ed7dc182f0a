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
import org.apache.druid.server.security.AuthConfig;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ContextHandler;

/**
 * The servlet filter of {@link CanopyAuthenticator}: sets the caller's authentication result, or
 * refuses a credential that is not Canopy's with a JSON 401. Every error on the paths it guards is
 * JSON in Druid's form: its own refusals, Druid's error bodies cleaned ({@link JsonErrorOutput}),
 * and Jetty's error pages ({@link JsonErrorPages}). Thread-safe.
 */
final class CanopyAuthenticationFilter implements Filter {
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

  /** Makes Jetty's error pages of the context this filter guards JSON ({@link JsonErrorPages}). */
  @Override
  public void init(FilterConfig config) {
    ContextHandler context = ContextHandler.getContextHandler(config.getServletContext());
    if (context != null) {
      context.setErrorHandler(new JsonErrorPages());
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    CanopyAuthenticator.Outcome outcome =
        authenticator.authenticate(request.getHeader("Authorization"));
    if (outcome.presented() && outcome.identity() == null) {
      HttpServletResponse response = (HttpServletResponse) resp;
      byte[] body = JsonErrors.body(HttpServletResponse.SC_UNAUTHORIZED, REFUSED);
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader("WWW-Authenticate", authenticator.getAuthChallengeHeader());
      response.setContentType("application/json;charset=utf-8");
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
      return;
    }
    if (outcome.identity() != null) {
      request.setAttribute(
          AuthConfig.DRUID_AUTHENTICATION_RESULT,
          outcome.identity().toResult(name, authorizerName));
    }
    Request base = Request.getBaseRequest(request);
    JsonErrorOutput errors = base == null ? null : JsonErrorOutput.install(base);
    chain.doFilter(req, resp);
    if (errors != null) {
      errors.finish();
    }
  }

  @Override
  public void destroy() {}
}
