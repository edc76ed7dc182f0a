package io.canopy.controlplane.auth;

import io.canopy.controlplane.common.NotPermittedException;
import io.canopy.controlplane.common.Quotas;
import io.canopy.controlplane.common.TenantStatus;
import java.security.Principal;
import java.util.Set;
import java.util.UUID;

/**
 * Who is making a request: the operator (the bootstrap credential from configuration) or one
 * tenant's API key. The tenant of every ingested event comes from here, never from the request
 * body.
 */
public sealed interface Caller extends Principal permits Caller.Operator, Caller.TenantKey {

  /** How the audit log names this caller; never a secret. */
  String actor();

  /** Refuses API keys: for actions on no particular tenant (create, list, audit). */
  default void requireOperator() {
    if (!(this instanceof Operator)) {
      throw new NotPermittedException("only the operator may do this; API keys cannot");
    }
  }

  /** The operator: may manage every tenant, but sends no events of its own. */
  record Operator() implements Caller {
    @Override
    public String getName() {
      return "operator";
    }

    @Override
    public String actor() {
      return "operator";
    }
  }

  /**
   * A tenant's API key, with what the request path needs of its tenant. {@code topic}: where its
   * events go, the dedicated datasource's topic, or null for the pooled one. {@code credential}:
   * the key itself, to query Druid as this tenant (its {@code toString} hides it).
   */
  record TenantKey(
      UUID keyId,
      String prefix,
      UUID tenantId,
      String tenantSlug,
      TenantStatus tenantStatus,
      Quotas quotas,
      Set<Scope> scopes,
      String topic,
      KeyCredential credential)
      implements Caller {
    @Override
    public String getName() {
      return tenantSlug;
    }

    @Override
    public String actor() {
      return "key " + prefix + " of " + tenantSlug;
    }

    public boolean hasScope(Scope scope) {
      return scopes.contains(scope);
    }

    /** The same key with these quotas: its tenant's complete ones, defaults filled in. */
    public TenantKey withQuotas(Quotas complete) {
      return new TenantKey(
          keyId, prefix, tenantId, tenantSlug, tenantStatus, complete, scopes, topic, credential);
    }
  }
}
