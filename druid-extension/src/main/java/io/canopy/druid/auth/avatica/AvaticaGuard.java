package io.canopy.druid.auth.avatica;

import io.canopy.druid.auth.CanopyAuthenticator;
import io.canopy.druid.auth.CanopyIdentity;
import io.canopy.druid.auth.JsonErrorOutput;
import io.canopy.druid.auth.JsonErrors;
import io.canopy.druid.auth.KeyIntrospector;
import io.canopy.druid.auth.ReplayedRequest;
import io.canopy.druid.auth.RequestBodies;
import io.canopy.druid.quota.QueryTicket;
import io.canopy.druid.quota.TenantQueryGate;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Optional;
import javax.annotation.Nullable;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletRequestWrapper;
import javax.servlet.http.HttpServletResponse;
import org.apache.druid.java.util.common.StringUtils;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.HandlerWrapper;

/**
 * Sits in front of a broker's Jetty handlers and lets an Avatica request through only if it carries
 * the identity that opened the connection it names ({@link AvaticaSessions}). Druid's Avatica
 * handler runs before any servlet filter, so Canopy's authenticator never sees its requests, and
 * Druid keys a connection by its client-chosen id alone: whoever names the id runs as its opener.
 * Here every Avatica request must carry a credential (HTTP Basic, which the JDBC URL's {@code
 * authentication=BASIC} sends, or a bearer key); an open also needs its JDBC {@code user} and
 * {@code password} to be the same caller; an identity holds a bounded number of connections. A
 * refusal is JSON in Druid's form and runs nothing; Avatica's own errors lose their stack traces.
 * Avatica's protobuf transport is refused: its requests can't be read here. Never logs a credential
 * or a connection id. Thread-safe.
 */
public final class AvaticaGuard extends HandlerWrapper {
  /** The paths Druid's Avatica handlers answer, compared as they compare them. */
  static final String JSON_PATH = "/druid/v2/sql/avatica";

  static final String PROTOBUF_PATH = "/druid/v2/sql/avatica-protobuf";

  /** The largest Avatica request read (a statement with its parameters, or a batch). */
  static final int MAX_REQUEST_BYTES = 8 << 20;

  static final String NO_CREDENTIAL =
      "Every Avatica request needs the caller's credentials: HTTP Basic (add"
          + " ;authentication=BASIC to the JDBC URL, with the tenant's slug as user and its key as"
          + " password) or Authorization: Bearer <key>.";
  static final String NOT_YOURS = "No open Avatica connection with this id belongs to the caller.";
  static final String IN_USE =
      "An Avatica connection with this id is already open; a new connection needs a new id.";
  static final String OTHER_USER =
      "The connection's JDBC user and password are not the caller its HTTP credentials name.";
  static final String PROTOBUF =
      "Canopy serves Avatica over JSON only (the driver's default, serialization=JSON).";

  private final CanopyAuthenticator authenticator;
  private final AvaticaSessions sessions;
  private final long idleSeconds;

  public AvaticaGuard(
      CanopyAuthenticator authenticator, AvaticaSessions sessions, long idleSeconds) {
    this.authenticator = authenticator;
    this.sessions = sessions;
    this.idleSeconds = idleSeconds;
  }

  @Override
  public void handle(
      String target, Request base, HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    String path = StringUtils.maybeRemoveTrailingSlash(request.getRequestURI());
    if (PROTOBUF_PATH.equals(path)) {
      refuse(base, response, 415, PROTOBUF);
      return;
    }
    if (!JSON_PATH.equals(path)) {
      super.handle(target, base, request, response);
      return;
    }
    if (!"POST".equals(request.getMethod())) {
      response.setHeader("Allow", "POST");
      refuse(base, response, 405, "Avatica takes POST.");
      return;
    }
    CanopyIdentity caller = caller(base, request, response);
    if (caller == null) {
      return;
    }
    // Avatica reads its request from the "request" header if there is one, else from the body.
    Charset charset = ReplayedRequest.charset(request);
    String header = request.getHeader("request");
    HttpServletRequest passed = request;
    String text;
    if (header != null) {
      text = header;
    } else {
      byte[] body;
      try {
        body = RequestBodies.read(request.getInputStream(), MAX_REQUEST_BYTES);
      } catch (RequestBodies.TooLarge e) {
        refuse(base, response, 413, "An Avatica request may be at most 8 MiB.");
        return;
      } catch (RequestBodies.TooSlow e) {
        response.setHeader("Connection", "close");
        refuse(base, response, 408, RequestBodies.TOO_SLOW);
        return;
      }
      text = new String(body, charset);
      passed = new ReplayedRequest(request, body);
    }
    AvaticaCall call;
    try {
      call = AvaticaCall.parse(text);
    } catch (AvaticaCall.Unreadable e) {
      refuse(base, response, 400, e.getMessage());
      return;
    }
    String owner = caller.name();
    boolean tenant = caller.role() == CanopyIdentity.Role.TENANT;
    if (AvaticaCall.OPEN.equals(call.kind())) {
      if (tenant) {
        String capped = AvaticaCall.bounded(text, caller.quota());
        passed =
            header != null
                ? new WithRequestHeader(request, capped)
                : new ReplayedRequest(request, capped.getBytes(charset));
      }
      open(call, caller, target, base, passed, response);
      return;
    }
    if (sessions.use(call.connectionId(), owner) != AvaticaSessions.Verdict.ALLOWED) {
      refuse(base, response, 403, NOT_YOURS);
      return;
    }
    if (tenant && call.runsStatement()) {
      TenantQueryGate.Admission admission =
          authenticator.quotas().admit(caller.tenant(), caller.quota(), null);
      if (admission instanceof TenantQueryGate.Refused over) {
        JsonErrors.sendOverQuota(response, over);
        base.setHandled(true);
        return;
      }
      // The statement runs on Druid's own thread; its time is the connection's timeout.
      QueryTicket ticket = (QueryTicket) admission;
      try {
        run(target, base, passed, response, caller, ticket);
      } finally {
        ticket.close();
      }
      return;
    }
    run(target, base, passed, response, caller, null);
    if (AvaticaCall.CLOSE.equals(call.kind())) {
      sessions.forget(call.connectionId(), owner);
    }
  }

  /** An Avatica request sent in its {@code request} header, with that header rewritten. */
  private static final class WithRequestHeader extends HttpServletRequestWrapper {
    private final String text;

    WithRequestHeader(HttpServletRequest request, String text) {
      super(request);
      this.text = text;
    }

    @Override
    public String getHeader(String name) {
      return "request".equalsIgnoreCase(name) ? text : super.getHeader(name);
    }
  }

  private void open(
      AvaticaCall call,
      CanopyIdentity caller,
      String target,
      Request base,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException, ServletException {
    boolean same;
    try {
      same = sameCaller(call, caller);
    } catch (KeyIntrospector.Unavailable e) {
      unavailable(base, response);
      return;
    }
    if (!same) {
      refuse(base, response, 403, OTHER_USER);
      return;
    }
    String owner = caller.name();
    switch (sessions.open(call.connectionId(), owner)) {
      case IN_USE -> refuse(base, response, 409, IN_USE);
      case OVER_LIMIT -> {
        response.setHeader("Retry-After", Long.toString(idleSeconds));
        refuse(
            base,
            response,
            429,
            "The caller already holds "
                + sessions.maxPerIdentity()
                + " Avatica connections, the most it may. Close one; an unused one closes after "
                + idleSeconds
                + " s.");
      }
      default -> {
        try {
          run(target, base, request, response, caller, null);
        } finally {
          if (response.getStatus() != HttpServletResponse.SC_OK) {
            sessions.forget(call.connectionId(), owner); // Druid did not open it
          }
        }
      }
    }
  }

  /**
   * Runs an admitted request through Druid's Avatica handler, its error answer cleaned of stack
   * traces and class names ({@link JsonErrorOutput}), as every error on Druid's other paths is. A
   * statement's {@code ticket} is given back before the answer's last bytes go out.
   */
  private void run(
      String target,
      Request base,
      HttpServletRequest request,
      HttpServletResponse response,
      CanopyIdentity caller,
      @Nullable QueryTicket ticket)
      throws IOException, ServletException {
    JsonErrorOutput errors =
        JsonErrorOutput.install(base, caller.role() == CanopyIdentity.Role.TENANT);
    if (ticket != null) {
      errors.beforeLastBytes(ticket::close);
    }
    super.handle(target, base, request, response);
    errors.finish();
  }

  /** The open's JDBC user and password, if it has them, must be the caller too. */
  private boolean sameCaller(AvaticaCall call, CanopyIdentity caller) {
    if (call.infoUser() == null && call.infoPassword() == null) {
      return true; // Druid itself refuses an open without them, when its first statement runs
    }
    if (call.infoUser() == null || call.infoPassword() == null) {
      return false;
    }
    Optional<CanopyIdentity> named =
        authenticator.userAndPassword(call.infoUser(), call.infoPassword());
    return named.isPresent() && named.get().name().equals(caller.name());
  }

  /** Who the request's credential names; null once it has been refused. */
  private CanopyIdentity caller(
      Request base, HttpServletRequest request, HttpServletResponse response) throws IOException {
    CanopyAuthenticator.Outcome outcome =
        authenticator.authenticate(request.getHeader("Authorization"));
    if (outcome.unavailable()) {
      unavailable(base, response);
      return null;
    }
    if (outcome.identity() == null) {
      response.setHeader("WWW-Authenticate", authenticator.getAuthChallengeHeader());
      refuse(
          base, response, 401, outcome.presented() ? CanopyAuthenticator.REFUSED : NO_CREDENTIAL);
      return null;
    }
    return outcome.identity();
  }

  private static void unavailable(Request base, HttpServletResponse response) throws IOException {
    response.setHeader("Retry-After", CanopyAuthenticator.RETRY_AFTER_SECONDS);
    refuse(base, response, 503, CanopyAuthenticator.UNAVAILABLE);
  }

  private static void refuse(Request base, HttpServletResponse response, int status, String message)
      throws IOException {
    JsonErrors.send(response, status, message);
    base.setHandled(true);
  }
}
