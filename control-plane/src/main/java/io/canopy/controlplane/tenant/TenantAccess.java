package io.canopy.controlplane.tenant;

import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.auth.Scope;
import io.canopy.controlplane.common.NotFoundException;
import io.canopy.controlplane.common.NotPermittedException;
import io.canopy.controlplane.tenant.db.TenantDao;

/**
 * The isolation rules for every {@code /v1/tenants/{tenant}/…} path, in one place:
 *
 * <ul>
 *   <li>the operator reaches every tenant;
 *   <li>an API key reaches only its own tenant; any other tenant answers 404, exactly as a tenant
 *       that does not exist (a key must not learn which other tenants exist);
 *   <li>on its own tenant, a key without the needed scope, or asking for an operator-only action,
 *       gets 403.
 * </ul>
 *
 * Thread-safe.
 */
public final class TenantAccess {
  private final TenantDao tenants;

  public TenantAccess(TenantDao tenants) {
    this.tenants = tenants;
  }

  /** The tenant named {@code slug}, if the caller is the operator or has {@code scope} on it. */
  public Tenant tenant(Caller caller, String slug, Scope scope) {
    if (caller instanceof Caller.TenantKey key) {
      requireOwn(key, slug);
      if (!key.hasScope(scope)) {
        throw new NotPermittedException("this API key has no '" + scope.json() + "' scope");
      }
    }
    return tenants.findBySlug(slug).orElseThrow(() -> notFound(slug));
  }

  /** The tenant named {@code slug}, for an operator-only action. */
  public Tenant tenantForOperator(Caller caller, String slug) {
    if (caller instanceof Caller.TenantKey key) {
      requireOwn(key, slug);
      key.requireOperator();
    }
    return tenants.findBySlug(slug).orElseThrow(() -> notFound(slug));
  }

  private static void requireOwn(Caller.TenantKey key, String slug) {
    if (!key.tenantSlug().equals(slug)) {
      throw notFound(slug);
    }
  }

  private static NotFoundException notFound(String slug) {
    return new NotFoundException("no tenant '" + slug + "'");
  }
}
