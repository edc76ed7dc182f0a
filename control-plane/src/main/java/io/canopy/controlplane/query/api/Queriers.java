package io.canopy.controlplane.query.api;

import io.canopy.controlplane.auth.Caller;
import io.canopy.controlplane.auth.Scope;
import io.canopy.controlplane.common.NotPermittedException;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.common.TenantStatus;
import java.util.function.UnaryOperator;

/**
 * Who may query: a tenant's key with the {@code query} scope, of an active tenant; answered with
 * the tenant's complete quotas (the defaults for those not set). Thread-safe.
 */
public final class Queriers {
  private final UnaryOperator<Quotas> complete;

  /**
   * @param complete a tenant's stored quotas to its complete ones
   */
  public Queriers(UnaryOperator<Quotas> complete) {
    this.complete = complete;
  }

  Caller.TenantKey of(Caller caller) {
    if (!(caller instanceof Caller.TenantKey key)) {
      throw new NotPermittedException(
          "the operator token queries no tenant's data here; use a tenant's key with the 'query'"
              + " scope (the operator reads every tenant in Druid itself)");
    }
    if (!key.hasScope(Scope.QUERY)) {
      throw new NotPermittedException("this API key has no 'query' scope");
    }
    if (key.tenantStatus() != TenantStatus.ACTIVE) {
      throw new NotPermittedException(
          "tenant '" + key.tenantSlug() + "' is suspended: its queries are refused until resumed");
    }
    return key.withQuotas(complete.apply(key.quotas()));
  }
}
