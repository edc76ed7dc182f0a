package io.canopy.druid.auth;

import io.canopy.druid.quota.QueryTicket;
import io.canopy.druid.quota.RequestTags;
import io.canopy.druid.quota.TenantQueryGate;
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
 * refuses a credential that is not Canopy's with a JSON 401. A tenant reaches only the query APIs
 * ({@link TenantPaths}), within its query quotas ({@link TenantQueryGate}: 429 past them, a query
 * past its time stopped and answered 504), and cancels only its own running queries ({@link
 * QueryIdGate}). Every error on the paths it guards is JSON in Druid's form: its own refusals,
 * Druid's error bodies cleaned ({@link JsonErrorOutput}), and Jetty's error pages ({@link
 * JsonErrorPages}). Thread-safe.
 */
final class CanopyAuthenticationFilter implements Filter {
  private final CanopyAuthenticator authenticator;
  private final String name;
  private final String authorizerName;
  private final QueryIdGate queries;
  private final TenantQueryGate quotas;

  CanopyAuthenticationFilter(
      CanopyAuthenticator authenticator,
      String name,
      String authorizerName,
      QueryIdGate queries,
      TenantQueryGate quotas) {
    this.authenticator = authenticator;
    this.name = name;
    this.authorizerName = authorizerName;
    this.queries = queries;
    this.quotas = quotas;
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
    HttpServletResponse response = (HttpServletResponse) resp;
    CanopyAuthenticator.Outcome outcome =
        authenticator.authenticate(request.getHeader("Authorization"));
    if (outcome.unavailable()) {
      // The credential could not be checked: the dependency's trouble, not the caller's.
      response.setHeader("Retry-After", CanopyAuthenticator.RETRY_AFTER_SECONDS);
      refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, CanopyAuthenticator.UNAVAILABLE);
      return;
    }
    if (outcome.presented() && outcome.identity() == null) {
      response.setHeader("WWW-Authenticate", authenticator.getAuthChallengeHeader());
      refuse(response, HttpServletResponse.SC_UNAUTHORIZED, CanopyAuthenticator.REFUSED);
      return;
    }
    CanopyIdentity who = outcome.identity();
    if (who != null) {
      request.setAttribute(
          AuthConfig.DRUID_AUTHENTICATION_RESULT, who.toResult(name, authorizerName));
    }
    TenantPaths.Kind kind = TenantPaths.of(request.getMethod(), request.getRequestURI());
    if (who != null && who.role() == CanopyIdentity.Role.TENANT) {
      if (kind == TenantPaths.Kind.REFUSED) {
        refuse(response, HttpServletResponse.SC_FORBIDDEN, TenantPaths.REFUSED);
        return;
      }
      if (kind == TenantPaths.Kind.CANCEL
          && !queries.mayCancel(request.getRequestURI(), who.name())) {
        refuse(response, HttpServletResponse.SC_NOT_FOUND, QueryIdGate.NOT_YOURS);
        return;
      }
    }
    boolean tenant = who != null && who.role() == CanopyIdentity.Role.TENANT;
    QueryTicket ticket = null;
    if (tenant && kind == TenantPaths.Kind.QUERY) {
      TenantQueryGate.Admission admission =
          quotas.admit(who.tenant(), who.quota(), request.getHeader(RequestTags.HEADER));
      if (admission instanceof TenantQueryGate.Refused over) {
        JsonErrors.sendOverQuota(response, over);
        return;
      }
      ticket = (QueryTicket) admission;
    }
    Request base = Request.getBaseRequest(request);
    JsonErrorOutput errors = base == null ? null : JsonErrorOutput.install(base, tenant);
    if (errors != null && ticket != null) {
      errors.timeOutWhen(ticket::stoppedForTime);
      errors.beforeLastBytes(ticket::close);
    }
    if (kind == TenantPaths.Kind.QUERY
        && who != null
        && who.role() != CanopyIdentity.Role.INTERNAL) {
      // The operator's ids are noted too, so that no tenant runs a query under one of them.
      queries.query(
          request,
          response,
          chain,
          who.name(),
          (status, message) -> refuse(response, status, message),
          ticket);
    } else {
      chain.doFilter(req, resp);
      if (kind == TenantPaths.Kind.CANCEL && who != null) {
        queries.cancelled(request.getRequestURI()); // a tenant's only if it was its own
      }
    }
    if (errors != null) {
      errors.finish();
    }
  }

  private static void refuse(HttpServletResponse response, int status, String message)
      throws IOException {
    JsonErrors.send(response, status, message);
  }

  @Override
  public void destroy() {}
}
