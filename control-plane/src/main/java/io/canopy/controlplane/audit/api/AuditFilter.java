package io.canopy.controlplane.audit.api;

import io.canopy.controlplane.audit.AuditLog;
import io.canopy.controlplane.audit.Audited;
import io.canopy.controlplane.audit.NamesTenant;
import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.web.ErrorResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one audit entry when an {@link Audited} method has answered: the caller (never a secret),
 * the action, the tenant and path addressed, the status and a short result. A refusal is recorded
 * by its status and the field at fault, never the rejected value or the error message, which may
 * echo it (an e-mail address given as a slug); and when a path parameter was refused, the path is
 * recorded as its template. Runs after exception mapping, so refusals are logged as well as
 * successes. A failed write is logged and does not change the answer: the action has already
 * happened.
 */
final class AuditFilter implements ContainerResponseFilter {
  private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);

  private final AuditLog audit;
  private final String action;

  AuditFilter(AuditLog audit, String action) {
    this.audit = audit;
    this.action = action;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Principal principal = request.getSecurityContext().getUserPrincipal();
    String actor = principal instanceof Caller caller ? caller.actor() : "unauthenticated";
    String tenant = request.getUriInfo().getPathParameters().getFirst("tenant");
    if (tenant == null && response.getEntity() instanceof NamesTenant created) {
      tenant = created.slug(); // tenant.create names its tenant in the body, not the path
    }
    String target = "/" + request.getUriInfo().getPath();
    String result = response.getStatusInfo().getReasonPhrase();
    if (response.getEntity() instanceof ErrorResponse error && error.field() != null) {
      result += ": " + error.field() + " refused";
      if (request.getUriInfo().getPathParameters().containsKey(error.field())) {
        target = template(request);
        tenant = null;
      }
    }
    try {
      audit.record(actor, action, tenant, target, response.getStatus(), result);
    } catch (RuntimeException e) {
      LOG.error("Could not write the audit entry for {} {} by {}", action, target, actor, e);
    }
  }

  /** The matched resource's path template, e.g. {@code /v1/tenants/{tenant}/suspend}. */
  private static String template(ContainerRequestContext request) {
    if (request.getUriInfo() instanceof ExtendedUriInfo info) {
      StringBuilder path = new StringBuilder();
      List<UriTemplate> templates = new ArrayList<>(info.getMatchedTemplates());
      Collections.reverse(templates);
      templates.forEach(t -> path.append(t.getTemplate()));
      return path.toString().replace("//", "/");
    }
    return "(refused path)";
  }
}
