package io.canopy.controlplane.auth;

import java.security.Principal;
import java.util.Set;
import java.util.UUID;

/**
 * Who is making a request: the tenant an API key belongs to, and the key's scopes. The tenant of
 * every ingested event comes from here, never from the request body.
 */
public record Caller(UUID tenantId, String tenantSlug, UUID keyId, Set<String> scopes)
    implements Principal {
  public static final String SCOPE_INGEST = "ingest";

  @Override
  public String getName() {
    return tenantSlug;
  }

  public boolean hasScope(String scope) {
    return scopes.contains(scope);
  }
}
