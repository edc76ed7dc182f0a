package io.canopy.controlplane.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The admin port (health checks, metrics, thread dumps, tasks such as changing log levels) answers
 * only the operator: {@code Authorization: Bearer <operator token>}. {@code GET /ping} stays open,
 * as a liveness probe that tells nothing. Without an operator token configured, nothing but the
 * ping answers. Anyone else gets a JSON 401. Thread-safe.
 */
public final class AdminPortGuard implements Filter {
  static final String REFUSED =
      "{\"error\":\"The admin port answers the operator only: Authorization: Bearer <operator"
          + " token>.\"}";

  private final byte[] expected;

  public AdminPortGuard(String operatorToken) {
    this.expected =
        operatorToken == null || operatorToken.isEmpty()
            ? null
            : ("Bearer " + operatorToken).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    if (isPing(request) || operator(request.getHeader("Authorization"))) {
      chain.doFilter(req, resp);
      return;
    }
    HttpServletResponse response = (HttpServletResponse) resp;
    byte[] body = REFUSED.getBytes(StandardCharsets.UTF_8);
    response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    response.setHeader("WWW-Authenticate", "Bearer realm=\"canopy-admin\"");
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static boolean isPing(HttpServletRequest request) {
    return ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))
        && "/ping".equals(request.getRequestURI());
  }

  private boolean operator(String authorization) {
    return expected != null
        && authorization != null
        && MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8));
  }
}
