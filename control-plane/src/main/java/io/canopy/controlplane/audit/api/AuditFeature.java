package io.canopy.controlplane.audit.api;

import io.canopy.controlplane.audit.AuditLog;
import io.canopy.controlplane.audit.Audited;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;

/** Binds an {@link AuditFilter} to every resource method marked {@link Audited}. */
public final class AuditFeature implements DynamicFeature {
  private final AuditLog audit;

  public AuditFeature(AuditLog audit) {
    this.audit = audit;
  }

  @Override
  public void configure(ResourceInfo resource, FeatureContext context) {
    Audited audited = resource.getResourceMethod().getAnnotation(Audited.class);
    if (audited != null) {
      context.register(new AuditFilter(audit, audited.value()));
    }
  }
}
