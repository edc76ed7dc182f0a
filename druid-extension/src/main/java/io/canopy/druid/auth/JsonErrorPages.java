package io.canopy.druid.auth;

import java.io.IOException;
import javax.servlet.RequestDispatcher;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's error pages, for the servlet context Canopy's authenticator guards, as Druid's error JSON
 * ({@link JsonErrors}): a {@code sendError} (Jetty's 404, a 405 for a method a path does not take)
 * and an exception that escaped Druid's handler (a 500 with no detail; Jetty logs it). Whatever the
 * method: Jetty writes its page only for GET, POST and HEAD, and an empty body for the rest ({@code
 * PUT}, {@code TRACE}, a lower-case {@code post}). The router's "no available brokers" is a 503:
 * Druid is away, not broken. Stateless and thread-safe.
 */
final class JsonErrorPages extends ErrorHandler {
  private static final String NO_BROKERS = "There are no available brokers";

  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      String message)
      throws IOException {
    int status = code;
    if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable e
        && String.valueOf(e.getMessage()).contains(NO_BROKERS)) {
      status = HttpServletResponse.SC_SERVICE_UNAVAILABLE;
    }
    byte[] body = JsonErrors.forStatus(status);
    baseRequest.setHandled(true);
    response.setStatus(status);
    response.setContentType("application/json;charset=utf-8");
    response.setContentLengthLong(body.length);
    response.getOutputStream().write(body);
  }
}
